"""A throwaway PostgreSQL server for the tests and benchmarks: ``initdb`` in a temporary folder, the
server on a free port of 127.0.0.1 (and a socket in that folder), removed at the end.

initdb refuses to run as root, so as root the server runs as the ``postgres`` OS user (which Debian's
``postgresql`` package creates), in a folder handed to that user. The binaries are looked for in
``$RASD_PG_BINDIR``, ``/usr/lib/postgresql/*/bin`` (newest first) and on ``PATH``;
``scripts/test.sh`` installs Debian's ``postgresql`` when none is found.

    with postgres() as server:
        url = server.create_database("t1")     # postgresql+psycopg://postgres@127.0.0.1:PORT/t1
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why."""


def find_bindir() -> Path:
    env = os.environ.get("RASD_PG_BINDIR")
    if env:
        if (Path(env) / "initdb").exists():
            return Path(env)
        raise PostgresUnavailable(f"RASD_PG_BINDIR={env} holds no initdb")

    def version(p: str) -> tuple[int, ...]:
        m = re.search(r"postgresql/([\d.]+)/bin", p)
        return tuple(int(x) for x in m.group(1).split(".")) if m else (0,)

    found = sorted((p for p in glob.glob("/usr/lib/postgresql/*/bin") if os.path.exists(os.path.join(p, "initdb"))),
                   key=version, reverse=True)
    if found:
        return Path(found[0])
    which = shutil.which("initdb")
    if which:
        return Path(which).parent
    raise PostgresUnavailable("no initdb: install PostgreSQL (Debian: apt-get install postgresql), "
                              "or set RASD_PG_BINDIR")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.user: str | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                with contextlib.suppress(KeyError):
                    pwd.getpwnam(name)
                    self.user = name
                    break
            if self.user is None:
                raise PostgresUnavailable("running as root and there is no 'postgres' user to run the server as")
        # as another user: in /tmp, which that user can reach whatever $TMPDIR says
        shared_tmp = "/tmp" if self.user is not None and os.path.isdir("/tmp") else None
        self.dir = Path(tempfile.mkdtemp(prefix="rasd-pg-", dir=shared_tmp))
        self.data = self.dir / "data"
        self.port = 0
        self.started = False
        self.version = ""

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.user is not None:
            runuser = shutil.which("runuser")
            if runuser:
                cmd = [runuser, "-u", self.user, "--", *cmd]
            else:
                import shlex

                cmd = ["su", self.user, "-s", "/bin/sh", "-c", shlex.join(cmd)]
        try:
            return subprocess.run(cmd, cwd=self.dir, capture_output=True, text=True, timeout=timeout, check=True,
                                  stdin=subprocess.DEVNULL)
        except subprocess.CalledProcessError as e:
            raise PostgresUnavailable(f"{' '.join(args[:2])} failed: {(e.stderr or e.stdout).strip()[-800:]}") from e
        except (OSError, subprocess.TimeoutExpired) as e:
            raise PostgresUnavailable(f"{args[0]}: {e}") from e

    def start(self) -> PostgresServer:
        try:
            if self.user is not None:
                info = pwd.getpwnam(self.user)
                os.chown(self.dir, info.pw_uid, info.pw_gid)
            os.chmod(self.dir, 0o700)
            self.version = self._run(str(self.bindir / "postgres"), "--version").stdout.strip()
            self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                      "-E", "UTF8", "--locale=C", "--no-sync")
            last: Exception | None = None
            for _ in range(3):
                self.port = _free_port()
                opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
                try:
                    self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "server.log"),
                              "-w", "-t", "60", "-o", opts, "start")
                    self.started = True
                    return self
                except PostgresUnavailable as e:  # the port was taken meanwhile: another one
                    last = e
            raise PostgresUnavailable(f"the server did not start: {last}; log: {self.log_tail()}")
        except BaseException:
            self.stop()
            raise

    def log_tail(self) -> str:
        try:
            return (self.dir / "server.log").read_text(errors="replace")[-800:]
        except OSError:
            return "(no log)"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))

    def create_database(self, name: str) -> str:
        self._admin("CREATE DATABASE {}", name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)

    def stop(self) -> None:
        if self.started:
            with contextlib.suppress(PostgresUnavailable):
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop",
                          timeout=60)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()
