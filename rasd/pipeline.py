"""The ordered stages for one document, and the streaming batch runner (local processes or Dask)."""

from __future__ import annotations

import os
import re
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any, TypeVar

from rasd.clean import arabic_ratio, clean_text, html_to_text, looks_like_mojibake
from rasd.io import InputProblem, RawDoc, valid_unicode
from rasd.normalize import normalize, normalize_with_map
from rasd.recognize import dates as dates_mod
from rasd.segment import apply_breaks, captions, segment
from rasd.types import Document, EventRecord, Span

T = TypeVar("T")
R = TypeVar("R")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")
_SENT = re.compile(r"(?=\s)(?:(?<=[.!?؟;؛])(?<!\d\.)\s+|\n+)")  # (?=\s): the scan skips to spaces


MIN_YEAR, MAX_YEAR = 1900, 2100  # publication years read; others are refused, not guessed at
MAX_CHARS = 1_000_000  # cleaned text read per document (RASD_MAX_CHARS); the rest is cut off
DOC_SECONDS = 60.0  # time one document may take (RASD_DOC_SECONDS; 0: no limit)
RAW_FACTOR = 4  # a page over this many budgets is cut before cleaning


class BadDocument(ValueError):
    """A document that cannot be read; the message says why."""


class DocumentTimeout(Exception):
    """A document ran past its time limit."""


def _env_number(name: str, default: float) -> float:
    try:
        v = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return v if v >= 0 else default


def max_chars() -> int:
    """The size budget of one document's cleaned text: ``RASD_MAX_CHARS`` or ``MAX_CHARS``."""
    return int(_env_number("RASD_MAX_CHARS", MAX_CHARS)) or MAX_CHARS


def doc_seconds() -> float:
    """The time budget of one document: ``RASD_DOC_SECONDS`` or ``DOC_SECONDS`` (0: none)."""
    return _env_number("RASD_DOC_SECONDS", DOC_SECONDS)


def _sane(d: date, what: str) -> date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise BadDocument(f"{what} is outside the years {MIN_YEAR}-{MAX_YEAR} that rasd reads: {d.isoformat()}")
    return d


def _parse_published(v: Any) -> date | None:
    if v in (None, ""):
        return None
    if not isinstance(v, str):
        raise BadDocument(f"'published' must be a string date, got {type(v).__name__}")
    s = v.strip()
    try:
        if len(s) == 10:
            d = date.fromisoformat(s)
        else:
            d = datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except (ValueError, OverflowError) as e:
        raise BadDocument(f"'published' is not an ISO 8601 date: {s!r}") from e
    return _sane(d, "'published'")


_CUT = re.compile(r"[.!?؟]\s|\n")


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the last sentence end before it (or the last
    space when no sentence ends in the second half)."""
    if len(text) <= limit:
        return text
    cut = -1
    for m in _CUT.finditer(text, max(0, limit // 2), limit):
        cut = m.start() + 1
    if cut < 0:
        cut = text.rfind(" ", limit // 2, limit)
    return text[:cut if cut > 0 else limit].rstrip()


# "... وقضت على اثنين آخرين.وقالت الوزارة": a full stop glued to the next sentence on scraped pages
# (a word of two letters or more before it: "د.محمد" is an abbreviation)
_GLUED = re.compile(r"(?:(?<=[\u0621-\u064a][\u0621-\u064a])|(?<=[»”\")]))\.(?=[\u0621-\u064a])")


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    cuts = [(m.start(), m.end()) for m in _SENT.finditer(text)]
    glued = [(m.end(), m.end()) for m in _GLUED.finditer(text)]
    if glued:
        cuts = sorted(cuts + glued)
    for a, b in cuts:
        if a < pos:
            continue
        if a > pos:
            spans.append(_trim(text, pos, a))
        pos = b
    if pos < len(text):
        spans.append(_trim(text, pos, len(text)))
    return [s for s in spans if s.end > s.start]


def _trim(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b)


def prepare(raw: RawDoc, warnings: list[str] | None = None) -> Document:
    """Clean, normalize, split and date one input document. Raises BadDocument. A text over the size
    budget (``max_chars()``) is cut at a sentence end, with a line in ``warnings``."""
    f = raw.fields
    text_in, html_in = f.get("text"), f.get("html")
    if text_in is None and html_in is None:
        raise BadDocument("neither 'text' nor 'html' given")
    for name, v in (("text", text_in), ("html", html_in)):
        if v is not None and not isinstance(v, str):
            raise BadDocument(f"'{name}' must be a string")
    published = _parse_published(f.get("published"))
    page_date = None
    if html_in is not None and not (text_in or "").strip():
        raw_text, page_date = html_to_text(html_in)
        raw_body = html_in
    else:
        raw_text = text_in or ""
        raw_body = raw_text
    if "\x00" in raw_text or len(_CONTROL.findall(raw_text, 0, 2000)) > 20:
        raise BadDocument("binary data, not text")
    if not raw_text.strip():
        raise BadDocument("empty text")
    if looks_like_mojibake(raw_text):
        raise BadDocument("mojibake: UTF-8 text decoded in another encoding (ط§ظ„ or Ø§Ù„ for ال); "
                          "decode the page as UTF-8 before giving it to rasd")
    limit = max_chars()
    if len(raw_text) > RAW_FACTOR * limit:
        # cleaning reads the whole page: a page many times the budget is cut first (at a line end),
        # so that a 100 MB input costs what four budgets do, not forty seconds
        n = len(raw_text)
        cut = raw_text.rfind("\n", RAW_FACTOR * limit // 2, RAW_FACTOR * limit)
        raw_text = raw_text[:cut if cut > 0 else RAW_FACTOR * limit]
        if warnings is not None:
            warnings.append(f"page of {n:,} characters cut to {len(raw_text):,} before cleaning ({RAW_FACTOR} times "
                            f"the budget of {limit:,}; RASD_MAX_CHARS sets it)")
    cleaned = clean_text(raw_text)
    if not cleaned.strip():
        raise BadDocument("nothing left after removing site boilerplate")
    if len(cleaned) > limit:
        n = len(cleaned)
        cleaned = truncate(cleaned, limit)
        if warnings is not None:
            warnings.append(f"text of {n:,} characters cut to {len(cleaned):,} (the budget is {limit:,}; "
                            "RASD_MAX_CHARS sets it)")
    lang = str(f.get("lang") or "ar")
    if arabic_ratio(cleaned) < 0.5:
        raise BadDocument(f"not Arabic text ({arabic_ratio(cleaned):.0%} Arabic letters); rasd reads Arabic")
    inferred = None
    if published is None:
        head = "\n".join(normalize(line) for line in raw_text.split("\n")[:15])
        published = dates_mod.read_dateline(head)
        if published is not None and MIN_YEAR <= published.year <= MAX_YEAR:
            inferred = "dateline"
        else:
            published = None
            try:
                found = date.fromisoformat(page_date) if page_date else None
            except ValueError:
                found = None
            if found is not None and MIN_YEAR <= found.year <= MAX_YEAR:
                published, inferred = found, "html metadata"
    norm, nmap = normalize_with_map(cleaned)
    seg = segment(cleaned)
    menus = [s for s in seg.stories if s.menu] + captions(cleaned)
    sentences = [s for s in apply_breaks(split_sentences(cleaned), seg.breaks, cleaned)
                 if not any(m.start <= s.start and s.end <= m.end for m in menus)]
    doc = Document(id=raw.id, text=cleaned, raw=raw_body, published=published, published_inferred=inferred,
                   source=str(f["source"]) if f.get("source") else None,
                   url=str(f["url"]) if f.get("url") else None, lang=lang, norm=norm, norm_to_text=nmap,
                   sentences=sentences, stories=[Span(s.start, s.end) for s in seg.stories if not s.menu])
    return doc


@dataclass
class Outcome:
    doc_id: str
    origin: str
    records: list[EventRecord]
    problem: str | None = None
    document: Document | None = None
    warnings: list[str] = field(default_factory=list)
    trace: str | None = None  # the traceback of an internal error (shown with --debug)

    def describe(self, what: str | None = None) -> str:
        """"document 'x' (file:line): <problem>" (or ``what`` in place of the problem)."""
        return f"document {self.doc_id!r} ({self.origin}): {what if what is not None else self.problem}"


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in the block after ``seconds`` (main thread of a process on a system with
    SIGALRM only; elsewhere no limit)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def fire(_sig: int, _frame: Any) -> None:
        raise DocumentTimeout

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_one(raw: RawDoc) -> Outcome:
    """One document through every stage. Whatever happens in it (a bad document, a bug it runs into,
    a runaway that passes its time budget) comes back as an Outcome with a problem naming the stage;
    nothing is raised, so that one document cannot stop a batch."""
    from rasd.events import extract_events

    stage = "reading"
    warnings: list[str] = []
    limit = doc_seconds()
    try:
        with _time_limit(limit):
            raw = valid_unicode(raw)
            if raw.encoding:
                warnings.append(f"read as {raw.encoding} text")
            stage = "preparation"
            try:
                doc = prepare(raw, warnings)
            except BadDocument as e:
                return Outcome(raw.id, raw.origin, [], str(e), warnings=warnings)
            stage = "extraction"
            records = extract_events(doc)
    except DocumentTimeout:
        return Outcome(raw.id, raw.origin, [], f"took longer than {limit:g} s in {stage} (RASD_DOC_SECONDS sets "
                       "the limit); skipped", warnings=warnings)
    except Exception as e:  # noqa: BLE001 - reported with its stage, and the batch goes on
        return Outcome(raw.id, raw.origin, [], f"internal error in {stage}: {e.__class__.__name__}: {e}",
                       warnings=warnings, trace=traceback.format_exc())
    return Outcome(raw.id, raw.origin, records, None, doc, warnings)


def run_many(raws: list[RawDoc]) -> list[Outcome]:
    """``run_one`` over a chunk of documents: the unit of work sent to a worker process or a Dask worker."""
    return [run_one(r) for r in raws]


CHUNK = 32  # documents per task sent to a worker


def chunked(items: Iterable[T], n: int) -> Iterator[list[T]]:
    it = iter(items)
    while part := list(islice(it, n)):
        yield part


def submit_chunks(ex: Executor, fn: Callable[[list[T]], list[R]], items: list[T], chunk: int = CHUNK) -> Iterator[R]:
    """Submit ``fn`` over chunks of ``items`` to ``ex`` now; the iterator gives the results in input order."""
    futures = [ex.submit(fn, part) for part in chunked(items, chunk)]

    def results() -> Iterator[R]:
        try:
            for f in futures:
                yield from f.result()
        finally:
            for f in futures:
                f.cancel()
    return results()


def run_batch(items: Iterable[RawDoc | InputProblem], workers: int = 1,
              on_item: Callable[[Outcome | InputProblem], None] | None = None,
              executor: Executor | None = None, chunk: int = CHUNK) -> Iterator[Outcome | InputProblem]:
    """Extract every document; problems are yielded in input order with the outcomes.

    Streams: with ``workers`` > 1 (a process pool) or an ``executor`` (e.g. a Dask cluster's, see
    ``rasd.distributed``), documents go out in chunks of ``chunk``, at most two chunks per worker in
    flight, and outcomes come back in input order as they are ready: memory is bounded whatever the
    size of the input."""
    if workers <= 1 and executor is None:
        for it in items:
            res = it if isinstance(it, InputProblem) else run_one(it)
            if on_item:
                on_item(res)
            yield res
        return
    own = executor is None
    ex = executor or _process_pool(workers)
    window: deque[tuple[list[RawDoc | InputProblem], Future[list[Outcome]]]] = deque()
    in_flight = 2 * max(workers, _executor_workers(ex))

    def emit(part: list[RawDoc | InputProblem], fut: Future[list[Outcome]]) -> Iterator[Outcome | InputProblem]:
        outs = iter(fut.result())
        for it in part:
            res = it if isinstance(it, InputProblem) else next(outs)
            if on_item:
                on_item(res)
            yield res

    try:
        for part in chunked(items, chunk):
            window.append((part, ex.submit(run_many, [it for it in part if isinstance(it, RawDoc)])))
            if len(window) >= in_flight:
                yield from emit(*window.popleft())
        while window:
            yield from emit(*window.popleft())
    finally:
        for _, f in window:
            f.cancel()
        if own:
            ex.shutdown(cancel_futures=True)


def _process_pool(workers: int) -> Executor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_warm)


def _executor_workers(ex: Executor) -> int:
    return int(getattr(ex, "_max_workers", 0) or getattr(ex, "n_workers", 0) or 1)


def _warm() -> None:
    from rasd.workers import worker_init

    worker_init()
