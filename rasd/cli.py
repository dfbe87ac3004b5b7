"""The rasd command: a thin Typer layer over the library."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
import typer.core
from rich.console import Console

from rasd import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="rasd: Arabic conflict news in, ACLED-style geocoded and sourced event records out.")
err = Console(stderr=True, soft_wrap=True)

EXIT_SKIPPED = 3  # the batch ran, but some documents could not be read
EXIT_INTERRUPTED = 130

if hasattr(typer.core, "TyperOption") and hasattr(typer.core.TyperOption, "display_type_rich"):
    _type_shown = typer.core.TyperOption.display_type_rich

    def _no_flag_type(self: typer.core.TyperOption, ctx: typer.Context) -> str | None:  # type: ignore[name-defined]
        """On/off flags take no value: help shows no "<bool>" for them."""
        return None if getattr(self, "is_flag", False) else _type_shown(self, ctx)

    typer.core.TyperOption.display_type_rich = _no_flag_type  # type: ignore[method-assign]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rasd {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="print rasd's version and exit"),
) -> None:
    """rasd: Arabic conflict news in, ACLED-style geocoded and sourced event records out."""


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (a service manager, ``kill``) stops a batch as Ctrl+C does: cleanly, not midway."""
    def interrupt(_sig: int, _frame: object) -> None:
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _limits(max_chars: int | None, doc_seconds: float | None) -> None:
    """The per-document budgets, for this process and the worker processes it starts."""
    if max_chars is not None:
        os.environ["RASD_MAX_CHARS"] = str(max_chars)
    if doc_seconds is not None:
        os.environ["RASD_DOC_SECONDS"] = str(doc_seconds)


INPUT_HELP = "JSON Lines file of documents, a folder of .txt/.html files, or - for JSON Lines on standard input"
MAX_CHARS_HELP = "the most characters of cleaned text read per document; longer ones are cut at a sentence end " \
    "(default 1,000,000, or $RASD_MAX_CHARS)"
DOC_SECONDS_HELP = "seconds one document may take before it is skipped as a runaway (default 60, or " \
    "$RASD_DOC_SECONDS; 0: no limit)"
DEBUG_HELP = "show the traceback of an internal error in a document"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


@app.command()
def extract(
    input: Path = typer.Argument(..., help=INPUT_HELP),
    out: Path = typer.Option(None, "--out", "-o", help="where to write the records (default: standard output)"),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl (SCHEMA.md), csv (ACLED's 31 columns) or geojson"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="processes to extract with"),
    dask: str = typer.Option(None, "--dask", help="extract on a Dask cluster: 'local' (a LocalCluster of --workers "
                             "processes) or a scheduler address, tcp://HOST:8786 (docs/scale.md)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    max_chars: int = typer.Option(None, "--max-chars", min=1000, help=MAX_CHARS_HELP),
    doc_seconds: float = typer.Option(None, "--doc-timeout", min=0, help=DOC_SECONDS_HELP),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Extract ACLED-style event records from Arabic news articles.

    Bad documents are reported on standard error with their file and line and skipped; the exit
    status is 0 when every document was read, 3 when some were skipped and 130 when interrupted
    (the records of the documents read by then are written all the same)."""
    from rasd.export import to_acled_csv, to_geojson, to_jsonl
    from rasd.io import InputProblem, read_input
    from rasd.link import link_records
    from rasd.pipeline import Outcome, run_batch

    _limits(max_chars, doc_seconds)
    items = list(read_input(input))
    total = sum(1 for it in items if not isinstance(it, InputProblem))
    records = []
    problems: list[str] = []
    read = 0
    progress = None
    task = None
    if not quiet and sys.stderr.isatty() or (not quiet and total >= 20):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=err, transient=True)
        progress.start()
        task = progress.add_task("extract", total=total)
    stack = ExitStack()
    executor = _dask(stack, dask, workers)
    interrupted = False
    try:
        with _sigterm_interrupts():
            for res in run_batch(items, workers=workers, executor=executor):
                if isinstance(res, InputProblem):
                    problems.append(str(res))
                    err.print(f"[yellow]skipped[/yellow] {res}", highlight=False)
                    continue
                assert isinstance(res, Outcome)
                if progress is not None and task is not None:
                    progress.advance(task)
                for w in res.warnings:
                    err.print(f"[cyan]note[/cyan] {res.describe(w)}", highlight=False)
                if res.problem:
                    problems.append(res.describe())
                    err.print(f"[yellow]skipped[/yellow] {res.describe()}", highlight=False)
                    if debug and res.trace:
                        err.print(res.trace, highlight=False, markup=False)
                    continue
                read += 1
                records.extend(res.records)
    except KeyboardInterrupt:
        interrupted = True  # the records read so far are written below
    finally:
        stack.close()
        if progress is not None:
            progress.stop()
    dicts = link_records(records)
    if format is Format.csv:
        text = to_acled_csv(dicts)
    elif format is Format.geojson:
        text = json.dumps(to_geojson(dicts), ensure_ascii=False, indent=1) + "\n"
    else:
        text = to_jsonl(dicts)
    if out is None or str(out) == "-":
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    err.print(f"rasd: {read} documents read, {len(dicts)} events found, {len(problems)} skipped"
              + (" (see messages above)" if problems else "")
              + ("; interrupted: the documents after these were not read" if interrupted else ""), highlight=False)
    if interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    if problems:
        raise typer.Exit(EXIT_SKIPPED)


def _load_records(path: Path) -> list[dict]:
    """The records of a JSON Lines file (``-``: standard input); a file that cannot be read ends the
    command with a message, a line that is no JSON object is reported and skipped."""
    recs = []
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        f = sys.stdin if str(path) == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as e:
        err.print(f"rasd: cannot read {name}: {e.strerror or e}", highlight=False)
        raise typer.Exit(2) from e
    try:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                err.print(f"[yellow]skipped[/yellow] {name}:{n}: invalid JSON ({e.msg})", highlight=False)
                continue
            if not isinstance(obj, dict):
                err.print(f"[yellow]skipped[/yellow] {name}:{n}: a line must hold a JSON object", highlight=False)
                continue
            recs.append(obj)
    except (UnicodeDecodeError, OSError) as e:
        err.print(f"rasd: cannot read {name}: not UTF-8 text ({e})", highlight=False)
        raise typer.Exit(2) from e
    finally:
        if f is not sys.stdin:
            f.close()
    return recs


def _linked(path: Path):  # noqa: ANN202
    from rasd.link import link

    res = link(_load_records(path))
    for p in res.problems:
        err.print(f"[yellow]skipped[/yellow] {path}: {p}", highlight=False)
    return res


@app.command()
def stories(
    events: Path = typer.Argument(..., help="records from rasd extract (JSON Lines; - for standard input)"),
    as_json: bool = typer.Option(False, "--json", help="clusters as JSON"),
    min_reports: int = typer.Option(1, "--min-reports", help="only stories told by at least this many reports"),
) -> None:
    """The stories in a batch: one row per real-world event with its sources, tolls and contradictions."""
    from rich.table import Table

    res = _linked(events)
    clusters = [c for c in res.clusters if c["n_reports"] >= min_reports]
    clusters.sort(key=lambda c: (c["consensus"]["event_date"] or "", c["cluster_id"]), reverse=True)
    if as_json:
        typer.echo(json.dumps(clusters, ensure_ascii=False, indent=1))
        return
    t = Table(title=f"{len(clusters)} stories", show_lines=False)
    for col in ("cluster", "date", "place", "type", "sources", "dead", "!"):
        t.add_column(col)
    for c in clusters:
        k = c["consensus"]
        tolls = sorted({x["value"] for x in c["claims"]["fatalities"]})
        dead = "" if not tolls else (str(tolls[0]) if len(tolls) == 1 else f"{tolls[0]}-{tolls[-1]}")
        place = k.get("location") or ""
        if k.get("admin1") and k.get("admin1") != place:
            place = f"{place}, {k['admin1']}" if place else k["admin1"]
        t.add_row(c["cluster_id"], k.get("event_date") or "?", place or "?", k["sub_event_type"],
                  f"{c['n_reports']}: " + ", ".join(c["sources"]), dead,
                  "!" * len(c["contradictions"]))
    Console().print(t)


@app.command()
def show(
    cluster_id: str = typer.Argument(..., help="a cluster id from rasd stories"),
    events: Path = typer.Argument(..., help="records from rasd extract (JSON Lines; - for standard input)"),
    as_json: bool = typer.Option(False, "--json", help="the cluster as JSON"),
) -> None:
    """One story: its sources side by side, their evidence sentences, and where they disagree."""
    res = _linked(events)
    c = next((c for c in res.clusters if c["cluster_id"] == cluster_id), None)
    if c is None:
        err.print(f"no cluster {cluster_id!r} in {events}")
        raise typer.Exit(1)
    recs = [r for r in res.records if r["cluster_id"] == cluster_id]
    persons = [p for p in res.persons if cluster_id in p["cluster_ids"]]
    if as_json:
        typer.echo(json.dumps({**c, "records": recs, "persons": persons}, ensure_ascii=False, indent=1))
        return
    from rich.columns import Columns
    from rich.panel import Panel

    con = Console()
    k = c["consensus"]
    con.print(f"[bold]{k['sub_event_type']}[/bold] ({k['event_type']}), {k.get('event_date') or '?'}"
              f"{'..' + k['date_end'] if k.get('date_end') and k['date_end'] != k.get('event_date') else ''}, "
              f"{k.get('location') or '?'} ({k.get('admin1') or '?'}); dead: {k.get('fatalities')} "
              f"(best {k.get('fatalities_best')}, {k.get('fatalities_low')}-{k.get('fatalities_high')})")
    bad = {x["field"] for x in c["contradictions"]}
    panels = []
    for r in recs:
        def mark(field: str, text: str) -> str:
            return f"[red]{text}[/red]" if field in bad else text
        a1 = (r.get("actor1") or {}).get("name", "?")
        a2 = (r.get("actor2") or {}).get("name", "?")
        body = "\n".join([
            mark("date", f"date: {r.get('event_date')} .. {r.get('date_end')}"),
            mark("place", f"place: {r.get('location')} ({r.get('admin1_code')})"),
            mark("actor1", f"actor1: {a1}"), mark("actor2", f"actor2: {a2}"),
            mark("fatalities", f"dead: {r.get('fatalities')}"), mark("injuries", f"injured: {r.get('injuries')}"),
            f"reported by: {', '.join(r.get('reported_by') or []) or '-'}", "",
            *[f"> {e['text']}" for e in r.get("evidence") or []],
        ])
        panels.append(Panel(body, title=f"{r.get('source') or r['doc_id']} ({r['doc_id']})", width=60))
    con.print(Columns(panels))
    if c["contradictions"]:
        con.print("[bold red]Contradictions[/bold red]")
        for x in c["contradictions"]:
            con.print(f"  - {x['text']}", highlight=False)
    if persons:
        con.print("[bold]Persons[/bold]")
        for p in persons:
            con.print(f"  - {p['name']} ({p['name_ar']}); also: {', '.join(p['aliases']) or '-'}", highlight=False)


def _dask(stack: ExitStack, address: str | None, workers: int):  # noqa: ANN202
    """The executor of a Dask cluster for --dask (rasd.distributed), closed with ``stack``; None without --dask."""
    if not address:
        return None
    from rasd.distributed import DaskUnavailable, dask_executor

    try:
        return stack.enter_context(dask_executor(address, workers if address == "local" else None))
    except DaskUnavailable as e:
        stack.close()
        err.print(f"rasd: {e}", highlight=False)
        raise typer.Exit(2) from e


DB_HELP = "the store: an SQLite file (rasd.db) or a URL (postgresql+psycopg://user@host/db)"


def _refuse_missing(db: str) -> None:
    """A reading command given an SQLite file that does not exist (a mistyped name) stops, rather
    than create an empty store."""
    from rasd.store import StoreError
    from rasd.store.engine import database_url

    try:
        url = database_url(db)
    except StoreError as e:
        err.print(f"rasd: {e}", highlight=False)
        raise typer.Exit(2) from e
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not Path(url.database).expanduser().exists():
        err.print(f"rasd: no store at {url.database} (rasd ingest ARTICLES.jsonl --db {url.database} makes one)",
                  highlight=False)
        raise typer.Exit(2)


def _open_store(db: str, must_exist: bool = False):  # noqa: ANN202
    from rasd.store import Store, StoreError

    if must_exist:
        _refuse_missing(db)
    try:
        return Store(db)
    except StoreError as e:
        err.print(f"rasd: {e}", highlight=False)
        raise typer.Exit(2) from e


@app.command()
def ingest(
    input: Path = typer.Argument(..., help=INPUT_HELP),
    db: str = typer.Option("rasd.db", "--db", envvar="RASD_DB", help=DB_HELP),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="processes to extract with"),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="documents per transaction"),
    dask: str = typer.Option(None, "--dask", help="extract on a Dask cluster: 'local' (a LocalCluster of --workers "
                             "processes) or a scheduler address, tcp://HOST:8786 (docs/scale.md)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    max_chars: int = typer.Option(None, "--max-chars", min=1000, help=MAX_CHARS_HELP),
    doc_seconds: float = typer.Option(None, "--doc-timeout", min=0, help=DOC_SECONDS_HELP),
    debug: bool = typer.Option(False, "--debug", help=DEBUG_HELP),
) -> None:
    """Extract, link and store documents; run it again with more (or the same) documents at any time.

    A document already stored with the same content is not read again; one whose content changed
    becomes a new version that replaces its events. Each batch is one transaction. Bad documents
    are reported with their file and line and skipped: the exit status is 3 when some were. Ctrl+C
    or SIGTERM rolls back the batch under way and exits with 130."""
    from rich.table import Table

    from rasd.store import ingest as run_ingest
    from rasd.store.ingestion import count_documents

    _limits(max_chars, doc_seconds)
    stack = ExitStack()
    executor = _dask(stack, dask, workers)
    store = _open_store(db)
    progress = None
    task = None
    total = count_documents(input)
    if not quiet and (sys.stderr.isatty() or total >= 20):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=err, transient=True)
        progress.start()
        task = progress.add_task("ingest", total=total)

    def advance(n: int) -> None:
        if progress is not None and task is not None:
            progress.advance(task, n)

    failure: BaseException | None = None
    try:
        with _sigterm_interrupts():
            report = run_ingest(
                store, input, workers=workers, batch_size=batch_size, executor=executor,
                on_problem=lambda m: err.print(f"[yellow]skipped[/yellow] {m}", highlight=False),
                on_notice=lambda m: err.print(f"[cyan]note[/cyan] {m}", highlight=False),
                on_progress=advance)
    except (Exception, KeyboardInterrupt) as e:  # noqa: BLE001 - said in one line, not a traceback
        failure = e
    finally:
        stack.close()
        if progress is not None:
            progress.stop()
        store.close()
    if failure is not None:
        why = "interrupted" if isinstance(failure, KeyboardInterrupt) else \
            f"ingest stopped: {failure.__class__.__name__}: {failure}"
        err.print(f"rasd: {why}; the batches before this one are stored, and running the same ingest again "
                  "goes on from there", highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED if isinstance(failure, KeyboardInterrupt) else 1)
    if debug:
        for trace in report.traces:
            err.print(trace, highlight=False, markup=False)
    con = Console()
    con.print(f"rasd ingest {input} -> {store.url.render_as_string(hide_password=True)}", highlight=False)
    t = Table(show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for label, n in (("documents new", report.new), ("documents updated (new version)", report.updated),
                     ("documents unchanged", report.unchanged),
                     ("documents with the same content as another", report.duplicates),
                     ("documents skipped", report.skipped),
                     *((f"  skipped: {why}", n) for why, n in sorted(report.skip_reasons.items(),
                                                                       key=lambda x: (-x[1], x[0]))),
                     ("events stored", report.events_added),
                     ("events replaced (old versions)", report.events_removed)):
        t.add_row(label, str(n))
    t.add_section()
    for key in ("documents", "events", "clusters", "persons"):
        t.add_row(f"{key} in the store", str(report.totals.get(key, 0)))
    con.print(t)
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def serve(
    db: str = typer.Option("rasd.db", "--db", envvar="RASD_DB", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="port to listen on"),
    workers: int = typer.Option(
        1, "--workers", "-w", min=1, max=64, envvar="RASD_SERVE_WORKERS",
        help="server processes, each answering requests on its own (its own database connections and "
             "answer cache) on the same port; more than one lets many clients at once use more of the "
             "machine's cores, about one per core"),
    cache_mb: float = typer.Option(
        64, "--cache-mb", min=0, envvar="RASD_CACHE_MB",
        help="memory, per process, for answers given again while the store is unchanged (a write, "
             "from any process, starts the cache afresh); 0: none"),
) -> None:
    """Serve the web page and the HTTP API (docs/api.md; OpenAPI at /docs) over a store."""
    import uvicorn

    from rasd.api import create_app
    from rasd.store import StoreError

    _refuse_missing(db)
    try:
        application = create_app(db, cache_mb=cache_mb)
    except StoreError as e:
        err.print(f"rasd: {e}", highlight=False)
        raise typer.Exit(2) from e
    store = application.state.store
    name = store.url.render_as_string(hide_password=True)
    if store.counts()["events"] == 0:
        err.print(f"rasd: {name} holds no events yet (rasd ingest ARTICLES.jsonl --db ...)", highlight=False)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"rasd: serving {name} at http://{shown}:{port}/  (API documentation: http://{shown}:{port}/docs; "
               f"{workers} process{'es' if workers > 1 else ''}; Ctrl+C stops)")
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    store.close()  # each worker opens the store itself (uvicorn starts them from the factory)
    os.environ["RASD_DB"] = str(db)
    os.environ["RASD_CACHE_MB"] = str(cache_mb)
    uvicorn.run("rasd.api:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning")


class ExportFormat(StrEnum):
    csv = "csv"
    geojson = "geojson"
    jsonl = "jsonl"


class SortOrder(StrEnum):
    newest = "-event_date"
    oldest = "event_date"
    deadliest = "-fatalities"
    least_deadly = "fatalities"


def _day_option(value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as e:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value!r}") from e


@app.command()
def export(
    db: str = typer.Option("rasd.db", "--db", envvar="RASD_DB", help=DB_HELP),
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f",
                                        help="csv (ACLED's 31 columns), geojson or jsonl (SCHEMA.md)"),
    out: Path = typer.Option(None, "--out", "-o", help="where to write (default: standard output)"),
    date_from: str = typer.Option(None, "--date-from", help="events whose date window ends on or after (YYYY-MM-DD)"),
    date_to: str = typer.Option(None, "--date-to", help="events whose date window starts on or before (YYYY-MM-DD)"),
    country: str = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 (SY)"),
    admin1: str = typer.Option(None, "--admin1", help="ISO 3166-2 (SY-DR)"),
    event_type: str = typer.Option(None, "--event-type", help="an ACLED event type (Battles)"),
    sub_event_type: str = typer.Option(None, "--sub-event-type", help="an ACLED sub-event type (Armed clash)"),
    actor: str = typer.Option(None, "--actor", help="part of an actor's name, English or Arabic"),
    person: str = typer.Option(None, "--person", help="a person_id or part of a person's name"),
    q: str = typer.Option(None, "--text", "--q", help="words that must all appear in notes, evidence, places or "
                          "actors (\"a quoted phrase\" as one)"),
    bbox: str = typer.Option(None, "--bbox", help="minlon,minlat,maxlon,maxlat"),
    min_fatalities: int = typer.Option(None, "--min-fatalities", min=0, help="events with at least this many dead"),
    salience: str = typer.Option(None, "--salience", help="main or background"),
    sort: SortOrder = typer.Option(SortOrder.newest, "--sort", help="the order of the events"),
) -> None:
    """Export stored events with the filters of GET /api/events."""
    from rasd.store import BadFilter, BBox, EventFilter, read

    try:
        f = EventFilter(date_from=_day_option(date_from), date_to=_day_option(date_to), country=country,
                        admin1=admin1, event_type=event_type, sub_event_type=sub_event_type, actor=actor,
                        person=person, q=q, bbox=BBox.parse(bbox) if bbox else None,
                        min_fatalities=min_fatalities, salience=salience)
    except BadFilter as e:
        raise typer.BadParameter(e.message, param_hint=f"--{e.param.replace('_', '-')}") from e
    store = _open_store(db, must_exist=True)
    n = 0
    if out is not None and str(out) == "-":
        out = None
    tmp = out.with_name(out.name + ".part") if out is not None else None
    try:
        with store.reading() as conn:  # one transaction: the count is of what is written
            n = read.page_events(conn, f, limit=1)["total"]
            pieces = read.export_text(conn, f, format.value, sort.value)
            if out is None or tmp is None:
                for piece in pieces:
                    sys.stdout.write(piece)
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    for piece in pieces:
                        fh.write(piece)
                tmp.replace(out)
    except Exception as e:  # noqa: BLE001 - an export that fails midway says so, and leaves no file
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        err.print(f"rasd: the export failed after {'some' if out is None else 'no'} output: "
                  f"{e.__class__.__name__}: {e}", highlight=False)
        raise typer.Exit(1) from e
    finally:
        store.close()
    err.print(f"rasd: {n} events exported" + (f" to {out}" if out else ""), highlight=False)


@app.command()
def bench(
    docs: int = typer.Option(None, help="articles to read (default: all of --corpus, or 600 of the bundled sample)"),
    corpus: Path = typer.Option(None, help="a JSON Lines corpus (scripts/make_corpus.py writes one; default: the bundled sample, repeated)"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="also ingest with this many worker processes"),
    link: list[int] = typer.Option(None, "--link", help="also link this many synthetic records (repeatable: --link 10000 --link 100000)"),
    store_link: list[int] = typer.Option(None, "--store-link", help="also time linking a batch of 500 against a store of this many records (repeatable)"),
    json_out: Path = typer.Option(None, "--json", help="write the figures to this JSON file too"),
) -> None:
    """Articles per second per stage (prepare, recognize, events, link, write) and end to end (rasd extract,
    rasd ingest into a temporary SQLite store), peak memory per process, and linking time at scale."""
    from rich.table import Table

    from rasd.bench import run_bench, table_rows

    report = run_bench(docs, corpus, workers, link or None, store_sizes=store_link or None)
    t = Table(title=f"rasd bench: {report['documents']} documents of {report['corpus']} "
                    f"({report['kchars_per_document']}k characters each)")
    for col in ("what", "articles/s", "per CPU second", "seconds"):
        t.add_column(col, justify="left" if col == "what" else "right")
    for row in table_rows(report):
        t.add_row(*row)
    Console().print(t)
    Console().print(f"peak RSS (MB): {report['peak_rss_mb']}; {report['events']} events; {report['machine']}",
                    highlight=False)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
