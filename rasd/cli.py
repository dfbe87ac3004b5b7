"""The rasd command: a thin Typer layer over the library."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="rasd: Arabic conflict news in, ACLED-style geocoded and sourced event records out.")
err = Console(stderr=True, soft_wrap=True)

EXIT_SKIPPED = 3  # the batch ran, but some documents could not be read


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


@app.command()
def extract(
    input: Path = typer.Argument(..., help="JSON Lines file of documents, or a folder of .txt/.html files"),
    out: Path = typer.Option(None, "--out", "-o", help="where to write the records (default: standard output)"),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl (SCHEMA.md), csv (ACLED's 31 columns) or geojson"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="processes to extract with"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
) -> None:
    """Extract ACLED-style event records from Arabic news articles.

    Bad documents are reported on standard error with their file and line and skipped; the exit
    status is 0 when every document was read and 3 when some were skipped."""
    from rasd.export import to_acled_csv, to_geojson, to_jsonl
    from rasd.io import InputProblem, read_input
    from rasd.link import link_records
    from rasd.pipeline import Outcome, run_batch

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
    try:
        for res in run_batch(items, workers=workers):
            if isinstance(res, InputProblem):
                problems.append(str(res))
                err.print(f"[yellow]skipped[/yellow] {res}", highlight=False)
                continue
            assert isinstance(res, Outcome)
            if progress is not None and task is not None:
                progress.advance(task)
            if res.problem:
                problems.append(f"{res.origin} (document {res.doc_id!r}): {res.problem}")
                err.print(f"[yellow]skipped[/yellow] {res.origin} (document {res.doc_id!r}): {res.problem}",
                          highlight=False)
                continue
            read += 1
            records.extend(res.records)
    finally:
        if progress is not None:
            progress.stop()
    dicts = [r.to_json() for r in link_records(records)]
    if format is Format.csv:
        text = to_acled_csv(dicts)
    elif format is Format.geojson:
        text = json.dumps(to_geojson(dicts), ensure_ascii=False, indent=1) + "\n"
    else:
        text = to_jsonl(dicts)
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    err.print(f"rasd: {read} documents read, {len(dicts)} events found, {len(problems)} skipped"
              + (" (see messages above)" if problems else ""), highlight=False)
    if problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def bench(
    docs: int = typer.Option(600, help="articles to extract"),
    corpus: Path = typer.Option(None, help="a JSON Lines corpus to read (default: the bundled sample, repeated)"),
) -> None:
    """Articles per second and peak memory of extraction alone (see scripts/bench.py)."""
    from rasd.bench import run_extract_bench

    report = run_extract_bench(docs, corpus)
    for k, v in report.items():
        typer.echo(f"{k:28} {v}")


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
