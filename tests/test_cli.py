"""The rasd command as a user runs it: JSON Lines and folders in, records out, bad input reported."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from rasd.cli import EXIT_SKIPPED, app
from rasd.export import ACLED_COLUMNS

GOOD = {"id": "a1", "published": "2023-03-16", "source": "Test",
        "text": "انفجر لغم أرضي بسيارة تقل مدنيين شرقي مدينة السلمية بريف حماة، ما أدى إلى مقتل شخصين."}
runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args))


def test_jsonl_in_jsonl_out(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    r = run("extract", str(src), "--out", str(out), "--quiet")
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert recs and recs[0]["doc_id"] == "a1" and recs[0]["admin1_code"] == "SY-HM"
    assert "1 documents read" in r.output and "0 skipped" in r.output


def test_csv_has_acleds_31_columns_in_order(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "events.csv"
    assert run("extract", str(src), "--format", "csv", "--out", str(out), "--quiet").exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert len(rows) >= 2 and rows[1][ACLED_COLUMNS.index("event_type")] == "Explosions/Remote violence"


def test_folder_with_meta(tmp_path):
    (tmp_path / "one.txt").write_text(GOOD["text"], encoding="utf-8")
    (tmp_path / "one.meta.json").write_text(json.dumps({"published": "2023-03-16", "source": "X"}), encoding="utf-8")
    (tmp_path / "two.html").write_text(
        "<html><body><nav>الرئيسية | أخبار</nav><article><p>" + GOOD["text"] + "</p></article></body></html>",
        encoding="utf-8")
    out = tmp_path / "e.jsonl"
    r = run("extract", str(tmp_path), "--out", str(out), "--quiet")
    assert r.exit_code == 0, r.output
    ids = {json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()}
    assert ids == {"one", "two"}


def test_bad_input_is_reported_by_line_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "docs.jsonl"
    lines = [
        json.dumps(GOOD, ensure_ascii=False),
        "{not json",
        json.dumps({"text": "بلا معرف"}, ensure_ascii=False),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "english", "text": "The weather in London was fine and nothing happened today."}),
        json.dumps({"id": "junk", "text": "\x00\x01\x02 binary"}),
        json.dumps({"id": "baddate", "text": GOOD["text"], "published": "yesterday"}, ensure_ascii=False),
        json.dumps(dict(GOOD, id="a2"), ensure_ascii=False),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    r = run("extract", str(src), "--out", str(out), "--quiet")
    assert r.exit_code == EXIT_SKIPPED
    msg = r.output
    assert f"{src}:2" in msg and "invalid JSON" in msg
    assert f"{src}:3" in msg and "missing 'id'" in msg
    assert "'empty'" in msg and "empty text" in msg
    assert "'english'" in msg and "not Arabic" in msg
    assert "'junk'" in msg and "binary" in msg
    assert "'baddate'" in msg and "published" in msg
    assert "Traceback" not in msg
    ids = {json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()}
    assert ids == {"a1", "a2"}


def test_unreadable_and_missing_files(tmp_path):
    r = run("extract", str(tmp_path / "nope.jsonl"), "--quiet")
    assert r.exit_code == EXIT_SKIPPED and "no such file" in r.output
    binf = tmp_path / "bin.jsonl"
    binf.write_bytes(b"\xff\xfe\x00\x00garbage\x89PNG")
    r = run("extract", str(binf), "--quiet")
    assert r.exit_code == EXIT_SKIPPED and "binary data" in r.output and "Traceback" not in r.output


def test_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("rasd")
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    r = subprocess.run([str(exe), "extract", str(src), "-q"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and json.loads(r.stdout.splitlines()[0])["doc_id"] == "a1"


def test_library_api():
    from rasd import extract

    recs = extract([GOOD])
    assert recs and recs[0]["event_type"] == "Explosions/Remote violence" and recs[0]["fatalities"] == 2


def test_workers_give_the_same_records_in_the_same_order(tmp_path):
    src = tmp_path / "docs.jsonl"
    lines = [json.dumps(dict(GOOD, id=f"d{i}"), ensure_ascii=False) for i in range(6)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("extract", str(src), "-o", str(one), "-q").exit_code == 0
    assert run("extract", str(src), "-o", str(two), "-q", "--workers", "2").exit_code == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8") != ""


# --------------------------------------------------------------------------- failing cleanly


def test_reading_commands_fail_cleanly_on_missing_files_and_stores(tmp_path):
    for args in (["stories", str(tmp_path / "nope.jsonl")], ["show", "X", str(tmp_path / "nope.jsonl")]):
        r = run(*args)
        assert r.exit_code == 2 and "cannot read" in r.output and "Traceback" not in r.output
    for cmd in ("export", "serve"):
        r = run(cmd, "--db", str(tmp_path / "nope.db"))
        assert r.exit_code == 2 and "no store at" in r.output
    assert not (tmp_path / "nope.db").exists()


def test_stdin_as_dash(tmp_path):
    line = json.dumps(GOOD, ensure_ascii=False) + "\n"
    r = runner.invoke(app, ["extract", "-", "-q"], input=line.encode("utf-8"))
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert recs and recs[0]["doc_id"] == "a1"
    records = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in recs)
    r = runner.invoke(app, ["stories", "-", "--json"], input=records.encode("utf-8"))
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["n_reports"] == 1
    r = runner.invoke(app, ["stories", "-"], input=b"")
    assert r.exit_code == 0 and "0 stories" in r.stdout


def test_help_has_no_bool_placeholder_and_every_option_is_explained():
    import click

    cmd = typer.main.get_command(app)
    for name, sub in cmd.commands.items():
        text = run(name, "--help").output
        assert "<bool>" not in text, name
        for p in sub.params:
            if isinstance(p, click.Option):
                assert p.help, f"rasd {name} {p.opts}: no help text"
    assert run("--version").output.startswith("rasd ")


def test_text_option_and_its_old_name(tmp_path):
    db = tmp_path / "s.db"
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("ingest", str(src), "--db", str(db), "-q").exit_code == 0
    for opt in ("--text", "--q"):
        r = run("export", "--db", str(db), "--format", "jsonl", opt, "السلمية")
        assert r.exit_code == 0 and '"a1"' in r.stdout
        r = run("export", "--db", str(db), "--format", "jsonl", opt, "القاهرة")
        assert r.exit_code == 0 and '"a1"' not in r.stdout


def test_an_internal_error_is_one_skipped_document_and_debug_shows_its_traceback(tmp_path, monkeypatch):
    import rasd.events

    real = rasd.events.extract_events

    def broken(doc):  # noqa: ANN001, ANN202
        if doc.id == "bad":
            raise ZeroDivisionError("division by zero")
        return real(doc)

    monkeypatch.setattr(rasd.events, "extract_events", broken)
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(dict(GOOD, id=i, source=i), ensure_ascii=False) + "\n" for i in ("a1", "bad", "a3")),
                   encoding="utf-8")
    out = tmp_path / "e.jsonl"
    r = run("extract", str(src), "-o", str(out), "-q")
    assert r.exit_code == EXIT_SKIPPED
    assert f"document 'bad' ({src}:2): internal error in extraction: ZeroDivisionError: division by zero" in r.output
    assert "Traceback" not in r.output
    assert {json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()} == {"a1", "a3"}
    r = run("extract", str(src), "-o", str(out), "-q", "--debug")
    assert "Traceback" in r.output and "ZeroDivisionError" in r.output
    r = run("ingest", str(src), "--db", str(tmp_path / "s.db"), "-q", "--debug")
    assert r.exit_code == EXIT_SKIPPED and "internal error in extraction" in r.output and "Traceback" in r.output
    assert "documents new" in r.output and "skipped: internal error in extraction" in r.output


def test_the_ingest_summary_says_why_documents_were_skipped(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "en", "text": "Nothing but English words in this short line of text."}) + "\n"
                   + json.dumps(dict(GOOD, id="old", published="0001-01-01"), ensure_ascii=False) + "\n",
                   encoding="utf-8")
    r = run("ingest", str(src), "--db", str(tmp_path / "s.db"), "-q")
    assert r.exit_code == EXIT_SKIPPED
    assert "skipped: not Arabic text" in r.output and "skipped: 'published' is outside the years" in r.output


def test_export_dates_at_the_edges(tmp_path):
    db = tmp_path / "s.db"
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("ingest", str(src), "--db", str(db), "-q").exit_code == 0
    r = run("export", "--db", str(db), "--format", "jsonl", "--date-from", "0001-01-01", "--date-to", "9999-12-31")
    assert r.exit_code == 0 and '"a1"' in r.stdout and "Traceback" not in r.output
    r = run("export", "--db", str(db), "--date-from", "10000-01-01")
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
