"""The ordered stages for one document, and the streaming batch runner (local processes or Dask)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any, TypeVar

from rasd.clean import arabic_ratio, clean_text, html_to_text
from rasd.io import InputProblem, RawDoc
from rasd.normalize import normalize, normalize_with_map
from rasd.recognize import dates as dates_mod
from rasd.segment import apply_breaks, captions, segment
from rasd.types import Document, EventRecord, Span

T = TypeVar("T")
R = TypeVar("R")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")
_SENT = re.compile(r"(?<=[.!?؟;؛])(?<!\d\.)\s+|\n+")


class BadDocument(ValueError):
    """A document that cannot be read; the message says why."""


def _parse_published(v: Any) -> date | None:
    if v in (None, ""):
        return None
    if not isinstance(v, str):
        raise BadDocument(f"'published' must be a string date, got {type(v).__name__}")
    s = v.strip()
    try:
        if len(s) == 10:
            return date.fromisoformat(s)
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError as e:
        raise BadDocument(f"'published' is not an ISO 8601 date: {s!r}") from e


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for m in _SENT.finditer(text):
        if m.start() > pos:
            spans.append(_trim(text, pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append(_trim(text, pos, len(text)))
    return [s for s in spans if s.end > s.start]


def _trim(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b)


def prepare(raw: RawDoc) -> Document:
    """Clean, normalize, split and date one input document. Raises BadDocument."""
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
    cleaned = clean_text(raw_text)
    if not cleaned.strip():
        raise BadDocument("nothing left after removing site boilerplate")
    lang = str(f.get("lang") or "ar")
    if arabic_ratio(cleaned) < 0.5:
        raise BadDocument(f"not Arabic text ({arabic_ratio(cleaned):.0%} Arabic letters); rasd reads Arabic")
    inferred = None
    if published is None:
        head = "\n".join(normalize(line) for line in raw_text.split("\n")[:15])
        published = dates_mod.read_dateline(head)
        if published is not None:
            inferred = "dateline"
        elif page_date:
            published = date.fromisoformat(page_date)
            inferred = "html metadata"
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


def run_one(raw: RawDoc) -> Outcome:
    from rasd.events import extract_events

    try:
        doc = prepare(raw)
    except BadDocument as e:
        return Outcome(raw.id, raw.origin, [], str(e))
    return Outcome(raw.id, raw.origin, extract_events(doc), None, doc)


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
    from rasd.resources import resources

    resources()
