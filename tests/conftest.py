from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def res():
    from rasd.resources import resources

    return resources()


def doc_of(text: str, published: str | None = "2023-05-14", doc_id: str = "t1"):
    from rasd.io import RawDoc
    from rasd.pipeline import prepare

    fields = {"id": doc_id, "text": text}
    if published:
        fields["published"] = published
    return prepare(RawDoc(doc_id, fields, "test"))


def events_of(text: str, published: str | None = "2023-05-14") -> list[dict]:
    from rasd import extract

    d = {"id": "t1", "text": text}
    if published:
        d["published"] = published
    return extract([d])


# --------------------------------------------------------------------------- the store: SQLite and PostgreSQL

SAMPLE = ROOT / "rasd" / "data" / "sample" / "articles.jsonl"
BACKENDS = ["sqlite", "postgresql"]


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def shared_scorer():
    """The shared scorer (../shared/eval/score.py) as a module; unavailable (a skip, a failure under CI)
    where it is not beside this checkout."""
    import importlib.util

    path = SHARED / "eval" / "score.py"
    if not path.exists():
        unavailable("../shared/eval/score.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("rasd_shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def cpu_seconds(fn, *args) -> float:
    """CPU time of one call (not wall time: the machine may be shared)."""
    import time

    t0 = time.process_time()
    fn(*args)
    return time.process_time() - t0


def assert_names_bad_line(monkeypatch, folder: Path, name: str, content: str, loader, line: int) -> None:
    """A data file ``name`` holding ``content`` in place of the package's makes its cached ``loader``
    raise a DataError that names the file and ``line``."""
    from rasd.data import DataError
    from rasd.normalize import normalize

    normalize("ا")  # the character map is read from the package before the folder is swapped
    (folder / name).write_text(content, encoding="utf-8")
    monkeypatch.setattr("rasd.data.DATA_DIR", folder)
    loader.cache_clear()
    try:
        with pytest.raises(DataError, match=f"{name}:{line}"):
            loader()
    finally:
        loader.cache_clear()


def unavailable(reason: str) -> None:
    """Skip a test for want of something outside the project (../shared, a browser, a database
    server), except under CI (CI=true), where a missing requirement fails the run."""
    if _ci():
        pytest.fail(f"{reason} (CI=true: required)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of our own for the session (tests/pg.py). Where none can be started the
    PostgreSQL tests skip, except under CI (CI=true), where they fail."""
    from pg import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer().start()
    except PostgresUnavailable as e:
        if _ci():
            pytest.fail(f"PostgreSQL is required under CI and could not be started: {e}", pytrace=False)
        pytest.skip(f"no PostgreSQL here ({e}); scripts/test.sh installs it when run as root")
    yield server
    server.stop()


_databases = itertools.count()


def new_database(request: pytest.FixtureRequest, backend: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database of ``backend``: its URL (SQLite: a file in ``folder``)."""
    if backend == "sqlite":
        yield str(folder / f"rasd-{next(_databases)}.db")
        return
    server = request.getfixturevalue("pg_server")
    name = f"rasd_test_{os.getpid()}_{next(_databases)}"
    url = server.create_database(name)
    try:
        yield url
    finally:
        server.drop_database(name)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store for one test, in SQLite and in PostgreSQL."""
    yield from new_database(request, request.param, tmp_path)


@pytest.fixture(scope="session")
def sample_records() -> list[dict]:
    """What ``rasd extract`` writes for the bundled sample corpus."""
    from typer.testing import CliRunner

    from rasd.cli import app

    out = Path(tempfile.mkdtemp(prefix="rasd-extract-")) / "events.jsonl"
    r = CliRunner().invoke(app, ["extract", str(SAMPLE), "--out", str(out), "--quiet"])
    assert r.exit_code in (0, 3), r.output
    recs = load_jsonl(out)
    shutil.rmtree(out.parent, ignore_errors=True)
    return recs
