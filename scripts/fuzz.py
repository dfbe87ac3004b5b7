"""Fuzz rasd with seeded mutations of the bundled sample and the test fixtures' articles.

Each mutant is one of: a cut anywhere, stray characters (controls, lone surrogates, marks, emoji,
NUL), odd digits (superscripts, circled, Arabic-Indic, Persian, full-width), repeated words, one
very long line or token, an extreme or malformed publication date, an HTML wrapper, or several of
these at once. Everything is decided by the seed, so a run can be repeated exactly.

    python scripts/fuzz.py --docs 300 --seed 1                  # the library, document by document
    python scripts/fuzz.py --docs 5000 --seed 7 --cli           # and `rasd extract` and `rasd ingest`
    python scripts/fuzz.py --write mutants.jsonl --docs 100     # only write the mutants

The library run fails (exit 1) when an exception escapes ``rasd.pipeline.run_one``, when a
document's problem is an internal error, or when one document takes longer than ``--max-seconds``.
The CLI run fails when either command prints a traceback or a document is neither extracted nor
named as skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "rasd" / "data" / "sample" / "articles.jsonl", ROOT / "tests" / "fixtures" / "extract" / "docs.jsonl",
           ROOT / "tests" / "fixtures" / "stories" / "docs.jsonl"]

STRAY = ["\x00", "\x01", "\x0b", "\x1f", "\ud800", "\udfff", "\u200f", "\u200e", "\u202e", "\ufeff", "\u0651\u0651\u0651",
         "\u0640" * 30, "😀", "\ufffd", "\u2028", "\r", "\t", "|", "»", "…", "<", "&amp;", "\\", '"']
ODD_DIGITS = ["²", "³", "¹", "⑤", "③", "⑳", "٥", "٣", "۷", "۴", "５", "𝟗", "Ⅻ", "½", "⁰"]
DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2023-02-30", "2023-13-01", "", None, 20230101,
         "2023-03-16T25:00:00", "2023-03-16T10:00:00+14:00", "yesterday", "١٤٤٤-٠٨-٢٤", "2023-03-16Z",
         "  2024-02-29  ", "0000-00-00", "1970-01-01T00:00:00Z"]


def load_articles() -> list[dict[str, Any]]:
    out = []
    for p in SOURCES:
        if p.exists():
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    if isinstance(d.get("text"), str) or isinstance(d.get("html"), str):
                        out.append(d)
    return out


def _body(d: dict[str, Any]) -> str:
    return d.get("text") or d.get("html") or ""


def cut(rng: random.Random, s: str) -> str:
    if not s:
        return s
    a = rng.randrange(len(s))
    return s[:a] if rng.random() < 0.5 else s[a:]


def stray(rng: random.Random, s: str) -> str:
    chars = list(s)
    for _ in range(rng.randint(1, 40)):
        chars.insert(rng.randint(0, len(chars)), rng.choice(STRAY))
    return "".join(chars)


def odd_digits(rng: random.Random, s: str) -> str:
    out = []
    for c in s:
        if c.isdigit() and rng.random() < 0.7:
            out.append(rng.choice(ODD_DIGITS))
        else:
            out.append(c)
    s = "".join(out)
    words = s.split(" ")
    for _ in range(rng.randint(1, 5)):  # and some figures where words stood
        k = rng.randrange(len(words))
        words.insert(k, "".join(rng.choice(ODD_DIGITS) for _ in range(rng.randint(1, 9))))
    return " ".join(words)


def repeat_words(rng: random.Random, s: str) -> str:
    words = s.split()
    if not words:
        return s
    k = rng.randrange(len(words))
    n = rng.choice([3, 50, 500, 5000])
    span = words[k:k + rng.randint(1, 3)]
    return " ".join(words[:k] + span * n + words[k:])


def long_line(rng: random.Random, s: str) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return s.replace("\n", " ") * rng.randint(1, 20)
    token = rng.choice([".", "1", "ـ", "ا", "x", "a.jpg", "|", "-", "قتل"]) * rng.choice([1000, 20000, 100000])
    return s + (" " if kind == 1 else "") + token + ("\n" if kind == 2 else "") + s[: len(s) // 3]


def html_wrap(rng: random.Random, s: str) -> str:
    charset = rng.choice(["utf-8", "windows-1256", "iso-8859-6", "bogus"])
    paras = "".join(f"<p>{p}</p>" for p in s.split("\n") if p.strip())
    if rng.random() < 0.3:
        paras = paras[: rng.randrange(len(paras) + 1)]  # unclosed tags
    return f'<html><head><meta charset="{charset}"><title>خبر</title></head><body><article>{paras}</article>'


MUTATIONS = [cut, stray, odd_digits, repeat_words, long_line]


def mutate(rng: random.Random, base: dict[str, Any], n: int) -> tuple[dict[str, Any], list[str]]:
    doc = {k: v for k, v in base.items() if k in {"text", "html", "published", "source", "url", "lang"}}
    doc["id"] = f"fz{n:06d}"
    body = _body(base)
    applied = []
    for m in rng.sample(MUTATIONS, rng.choice([1, 1, 1, 2, 3])):
        body = m(rng, body)
        applied.append(m.__name__)
    if rng.random() < 0.2:
        doc["published"] = rng.choice(DATES)
        applied.append("date")
    if rng.random() < 0.1:
        doc.pop("text", None)
        doc["html"] = html_wrap(rng, body)
        applied.append("html")
    else:
        doc.pop("html", None)
        doc["text"] = body
    if rng.random() < 0.05:
        doc["source"] = rng.choice(STRAY) + "مصدر" + rng.choice(STRAY)
        applied.append("source")
    return doc, applied


def mutants(seed: int, count: int) -> list[tuple[dict[str, Any], list[str]]]:
    rng = random.Random(seed)
    arts = load_articles()
    return [mutate(rng, rng.choice(arts), n) for n in range(count)]


def write(path: Path, docs: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=True) + "\n")  # escapes carry the lone surrogates


def run_library(items: list[tuple[dict[str, Any], list[str]]], max_seconds: float) -> int:
    from rasd.io import RawDoc
    from rasd.pipeline import max_chars, run_one

    bad = 0
    kinds: Counter[str] = Counter()
    slowest = (0.0, "")
    t_all = time.monotonic()
    for doc, applied in items:
        t0 = time.monotonic()
        try:
            out = run_one(RawDoc(doc["id"], doc, "fuzz"))
        except BaseException as e:  # noqa: BLE001 - that is what is looked for
            bad += 1
            print(f"ESCAPED {doc['id']} {applied}: {e.__class__.__name__}: {e}", file=sys.stderr)
            continue
        dt = time.monotonic() - t0
        slowest = max(slowest, (dt, doc["id"]))
        if dt > max_seconds:
            bad += 1
            print(f"SLOW {doc['id']} {applied}: {dt:.1f} s", file=sys.stderr)
        if out.problem and (out.trace or out.problem.startswith("internal error")):
            bad += 1
            print(f"INTERNAL {doc['id']} {applied}: {out.problem}\n{out.trace}", file=sys.stderr)
        if out.document is not None and len(out.document.text) > max_chars():
            bad += 1
            print(f"OVER BUDGET {doc['id']}: {len(out.document.text)} characters", file=sys.stderr)
        kinds["extracted" if not out.problem else "skipped: " + out.problem.split(" (")[0][:50]] += 1
    took = time.monotonic() - t_all
    print(f"library: {len(items)} documents in {took:.1f} s ({len(items) / max(took, 1e-9):.1f}/s), "
          f"slowest {slowest[0]:.2f} s ({slowest[1]}), {bad} failures")
    for k, n in kinds.most_common(12):
        print(f"  {n:6d}  {k}")
    return bad


def _child_cpu() -> float:
    import resource

    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def run_cli(path: Path, n: int, workdir: Path, workers: int) -> int:
    rasd = str(Path(sys.executable).with_name("rasd"))
    bad = 0
    t0 = time.monotonic()
    cpu0 = _child_cpu()
    r = subprocess.run([rasd, "extract", str(path), "-q", "-o", str(workdir / "events.jsonl"), "-w", str(workers)],
                       capture_output=True, text=True, errors="replace")
    took = time.monotonic() - t0
    skipped = sum(1 for line in r.stderr.splitlines() if line.startswith("skipped "))
    summary = [line for line in r.stderr.splitlines() if line.startswith("rasd: ")]
    read = int(summary[-1].split()[1]) if summary else -1
    ok = r.returncode in (0, 3) and "Traceback" not in r.stderr and read + skipped == n
    bad += not ok
    print(f"rasd extract: {n} documents in {took:.1f} s ({_child_cpu() - cpu0:.0f} s of CPU), exit {r.returncode}, "
          f"{read} read, {skipped} skipped"
          + ("" if ok else f"  FAILED\n{r.stderr[-3000:]}"))
    t0 = time.monotonic()
    cpu0 = _child_cpu()
    r = subprocess.run([rasd, "ingest", str(path), "-q", "--db", str(workdir / "fuzz.db"), "-w", str(workers)],
                       capture_output=True, text=True, errors="replace")
    took = time.monotonic() - t0
    counts = {}
    for line in r.stdout.splitlines():
        parts = [p.strip() for p in line.strip("│ ").split("│")]
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    seen = sum(counts.get(k, 0) for k in ("documents new", "documents updated (new version)", "documents unchanged",
                                          "documents with the same content as another", "documents skipped"))
    ok = r.returncode in (0, 3) and "Traceback" not in r.stderr + r.stdout and seen == n
    bad += not ok
    print(f"rasd ingest: {n} documents in {took:.1f} s ({_child_cpu() - cpu0:.0f} s of CPU), exit {r.returncode}, "
          f"accounted for {seen}"
          + ("" if ok else f"  FAILED\n{r.stderr[-3000:]}"))
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=300, help="mutants to make")
    ap.add_argument("--seed", type=int, default=1, help="the seed of the mutations")
    ap.add_argument("--cli", action="store_true", help="also run rasd extract and rasd ingest over the mutants")
    ap.add_argument("--no-library", action="store_true", help="skip the document-by-document library run")
    ap.add_argument("--workers", type=int, default=1, help="--workers for the CLI run")
    ap.add_argument("--max-seconds", type=float, default=10.0, help="the most one document may take")
    ap.add_argument("--write", type=Path, help="write the mutants to this JSON Lines file and stop")
    args = ap.parse_args(argv)
    items = mutants(args.seed, args.docs)
    if args.write:
        write(args.write, [d for d, _ in items])
        print(f"{len(items)} mutants written to {args.write}")
        return 0
    bad = 0 if args.no_library else run_library(items, args.max_seconds)
    if args.cli:
        with tempfile.TemporaryDirectory(prefix="rasd-fuzz-") as tmp:
            path = Path(tmp) / "mutants.jsonl"
            write(path, [d for d, _ in items])
            bad += run_cli(path, len(items), Path(tmp), args.workers)
    print("fuzz: " + ("no failures" if not bad else f"{bad} FAILURES"))
    return 1 if bad else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
