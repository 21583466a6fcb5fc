"""The department set-up on one machine: PostgreSQL, two Streamlit servers, nginx.

``bash deploy/run-local.sh [--db postgresql://...] [--port 8080] [--demo]`` starts a
throwaway PostgreSQL cluster (unless --db names a server), two app servers on free
loopback ports sharing it, and nginx on 127.0.0.1:PORT with sticky sessions and
websockets (deploy/nginx.conf.template); Ctrl-C (or --seconds) stops them all.
The load test in bench/ starts the same set through ``Deployment``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from contextlib import ExitStack, suppress
from pathlib import Path

from deploy.servers import free_port, start_streamlit, stop, wait_healthy
from kpi.storage.localpg import start_cluster
from kpi.storage.store import Store

HERE = Path(__file__).resolve().parent
NGINX = "/usr/sbin/nginx"


def nginx_config(run_dir: Path, listen: int, app_ports: tuple[int, int]) -> str:
    text = (HERE / "nginx.conf.template").read_text(encoding="utf-8")
    fields = {
        # as root, nginx's workers would switch to 'nobody', who cannot write run_dir
        "user_line": "user root;" if os.geteuid() == 0 else "",
        "run_dir": str(run_dir),
        "app1_port": str(app_ports[0]),
        "app2_port": str(app_ports[1]),
        "listen": f"127.0.0.1:{listen}",
    }
    for key, value in fields.items():
        text = text.replace(f"@{key}@", value)
    return text


def start_nginx(run_dir: Path, listen: int, app_ports: tuple[int, int]) -> subprocess.Popen:
    if not Path(NGINX).exists():
        raise RuntimeError(f"{NGINX} not found: install it with `bash scripts/setup.sh`")
    conf = run_dir / "nginx.conf"
    conf.write_text(nginx_config(run_dir, listen, app_ports), encoding="utf-8")
    proc = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(run_dir)],
        stdout=subprocess.DEVNULL,
        stderr=(run_dir / "nginx.stderr").open("ab"),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited: {(run_dir / 'nginx.stderr').read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{listen}/_stcore/health", timeout=2)
            return proc
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("nginx did not answer within 30 s")


class Deployment:
    """PostgreSQL (given or throwaway), ``servers`` Streamlit servers and, for two, nginx."""

    def __init__(self, db: str | None = None, port: int | None = None, servers: int = 2):
        self.db = db
        self.port = port or free_port()
        self.servers = servers
        self.run_dir = Path(tempfile.mkdtemp(prefix="kpi-deploy-"))
        self._stack = ExitStack()
        self.app_urls: list[str] = []

    @property
    def url(self) -> str:
        """Where browsers go: nginx, or the one app server."""
        return f"http://127.0.0.1:{self.port}" if self.servers == 2 else self.app_urls[0]

    def __enter__(self) -> Deployment:
        try:
            if self.db is None:
                cluster = start_cluster("kpi-deploy-pg-")
                self._stack.callback(cluster.stop)
                self.db = cluster.url()
            Store.open(self.db)  # create or migrate the schema, load the catalog, once
            ports = [free_port() for _ in range(self.servers)] if self.servers == 2 else [self.port]
            for i, port in enumerate(ports):
                server = start_streamlit(self.db, port, self.run_dir / f"app{i + 1}.log")
                self._stack.callback(stop, server)
                wait_healthy(f"http://127.0.0.1:{port}", server)
                self.app_urls.append(f"http://127.0.0.1:{port}")
            if self.servers == 2:
                proxy = start_nginx(self.run_dir, self.port, (ports[0], ports[1]))
                self._stack.callback(stop, proxy)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="postgresql:// URL (default: a throwaway local cluster)")
    parser.add_argument("--port", type=int, default=8080, help="nginx port on 127.0.0.1")
    parser.add_argument("--demo", action="store_true", help="load sample data if there is none")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up as on Ctrl-C
    with Deployment(args.db, args.port) as deployment:
        if args.demo:
            from kpi.cli.main import main as kpi

            kpi(["--db", deployment.db, "init", "--demo"])
        print(f"dashboard: {deployment.url}  (app servers {', '.join(deployment.app_urls)})")
        print(f"store: {Store.open(deployment.db).location}")
        with suppress(KeyboardInterrupt):
            time.sleep(args.seconds if args.seconds is not None else 10**9)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
