"""A throwaway PostgreSQL cluster on this machine, for the tests, the load test and
the local deployment script.

It uses Debian's ``postgresql`` server binaries (installed by scripts/setup.sh),
keeps its data directory and Unix socket in a fresh temporary directory, listens on
no TCP port, and runs as the ``postgres`` user when started by root (PostgreSQL
refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

MISSING = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found in `pg_config --bindir` "
    "or /usr/lib/postgresql/*/bin. Install them with `bash scripts/setup.sh` "
    "(Debian package postgresql)."
)


def server_bindir() -> Path:
    """The folder holding initdb and pg_ctl; RuntimeError naming the fix if there is none."""
    candidates: list[Path] = []
    with_config = shutil.which("pg_config")
    if with_config:
        out = subprocess.run([with_config, "--bindir"], capture_output=True, text=True)
        candidates.append(Path(out.stdout.strip()))
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise RuntimeError(MISSING)


@dataclass
class LocalCluster:
    directory: Path
    bindir: Path
    port: int = 5432
    user: str = "kpi"

    @property
    def socket_dir(self) -> Path:
        return self.directory

    def url(self, database: str = "kpi", schema: str | None = None) -> str:
        """A postgresql:// URL on the Unix socket; ``schema`` sets the search_path."""
        url = f"postgresql://{self.user}@/{database}?host={quote(str(self.socket_dir))}"
        url += f"&port={self.port}"
        if schema:
            url += "&options=" + quote(f"-c search_path={schema}")
        return url

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def start(self) -> LocalCluster:
        data = self.directory / "data"
        done = self._run(
            "initdb", "-D", str(data), "-U", self.user, "-A", "trust", "-E", "UTF8", "--no-sync"
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()}")
        options = f"-k {self.socket_dir} -c listen_addresses='' -p {self.port} -c fsync=on"
        log = self.directory / "server.log"
        done = self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {_tail(log)}")
        self.execute("postgres", "CREATE DATABASE kpi")
        return self

    def execute(self, database: str, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as con:
            con.execute(sql)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


def _tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-2000:]
    except OSError:
        return ""


def start_cluster(prefix: str = "kpi-pg-") -> LocalCluster:
    """Start a fresh cluster in a new temporary directory (``stop()`` removes it)."""
    bindir = server_bindir()
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    return LocalCluster(directory, bindir).start()
