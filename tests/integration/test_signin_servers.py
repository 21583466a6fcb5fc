"""Sign-in throttling across server processes: two processes on one database count the
same failures (an attacker alternating servers gets no more guesses than on one), and a
restarted process remembers them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from kpi.access import signin
from kpi.access.signin import ACCOUNT_FAILURES
from kpi.storage.store import Store
from tests.support.stores import PASSWORD, add_test_users

#: A server process as far as sign-in goes: one Store, sign-ins read from stdin as
#: "name<TAB>password<TAB>client", each answered with the outcome's user or message key.
SERVER = """
import sys
from kpi.access import signin
from kpi.storage.store import Store

store = Store.open(sys.argv[1])
print("ready", flush=True)
for line in sys.stdin:
    name, password, client = line.rstrip("\\n").split("\\t")
    outcome = signin.sign_in(store, name, password, client)
    print(outcome.user.name if outcome.user else outcome.key, flush=True)
"""


class Server:
    def __init__(self, location: str) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", SERVER, location],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._readline() == "ready"

    def _readline(self) -> str:
        assert self._process.stdout is not None
        return self._process.stdout.readline().strip()

    def sign_in(self, name: str, password: str, client: str) -> str:
        assert self._process.stdin is not None
        self._process.stdin.write(f"{name}\t{password}\t{client}\n")
        self._process.stdin.flush()
        return self._readline()

    def stop(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        assert self._process.wait(timeout=60) == 0


@contextmanager
def servers(location: str, n: int) -> Iterator[list[Server]]:
    started = [Server(location) for _ in range(n)]
    try:
        yield started
    finally:
        for server in started:
            server.stop()


def test_two_servers_alternating_lock_at_the_same_total_as_one(store, fast_bcrypt):
    add_test_users(store)
    location = str(store.path)
    with servers(location, 2) as (a, b):
        answers = [
            (a if i % 2 == 0 else b).sign_in("admin1", "guess", f"10.0.0.{i}")
            for i in range(ACCOUNT_FAILURES)
        ]
        assert answers == ["auth.failed"] * ACCOUNT_FAILURES
        # the next attempt is refused on either server, even with the right password
        assert a.sign_in("admin1", PASSWORD, "10.0.1.1") == "auth.locked"
        assert b.sign_in("admin1", PASSWORD, "10.0.1.2") == "auth.locked"
        assert a.sign_in("viewer1", PASSWORD, "10.0.1.1") == "viewer1"


def test_a_restarted_server_remembers_the_failures(store, fast_bcrypt):
    add_test_users(store)
    location = str(store.path)
    with servers(location, 1) as (first,):
        for _ in range(ACCOUNT_FAILURES - 1):
            assert first.sign_in("editor_sh", "guess", "10.0.0.1") == "auth.failed"
    with servers(location, 1) as (restarted,):  # a new process, a new Store
        assert restarted.sign_in("editor_sh", "guess", "10.0.0.1") == "auth.failed"
        assert restarted.sign_in("editor_sh", PASSWORD, "10.0.0.1") == "auth.locked"
    # and a new Store object in this process sees them too
    assert signin.sign_in(Store.open(location), "editor_sh", PASSWORD, "10.0.0.2").key == (
        "auth.locked"
    )
