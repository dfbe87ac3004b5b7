"""Reading documents (JSON Lines or a folder of .txt/.html with NAME.meta.json) and writing
records (JSON Lines, ACLED CSV). Bad input becomes an ``InputProblem`` naming the file and line;
it never stops the batch."""

from __future__ import annotations

import codecs
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

STDIN = "-"
SNIFF = 1 << 16  # bytes read to tell a file's encoding
# the encodings rasd reads besides UTF-8: Arabic pages and files saved on Windows are often in one
ARABIC_ENCODINGS = ("cp1256", "iso8859_6")
_ENCODING_NAMES = {"utf_8": "utf-8", "utf_8_sig": "utf-8", "cp1256": "windows-1256", "windows_1256": "windows-1256",
                   "iso8859_6": "iso-8859-6", "iso_8859_6": "iso-8859-6", "utf_16": "utf-16",
                   "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{1,40})""", re.I)


@dataclass(frozen=True)
class RawDoc:
    id: str
    fields: dict[str, Any]
    origin: str  # "file.jsonl:12" or "folder/name.txt"
    encoding: str | None = None  # the encoding the bytes were read in, when not UTF-8


class NotText(ValueError):
    """Bytes that are no text in any encoding rasd reads."""


def encoding_name(codec: str) -> str:
    """The usual name of a Python codec ("cp1256" -> "windows-1256")."""
    c = codecs.lookup(codec).name.replace("-", "_")
    return _ENCODING_NAMES.get(c, c.replace("_", "-"))


def sniff_encoding(head: bytes, declared: str | None = None) -> str:
    """The Python codec of bytes that begin with ``head``: a BOM (UTF-8, UTF-16) decides; else UTF-8
    when they are UTF-8; else a charset the document declares (HTML ``<meta charset>``) when the
    bytes decode in it; else the better of Windows-1256 and ISO-8859-6 (charset-normalizer). Raises
    NotText for bytes none of them reads."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf_8_sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise NotText("binary data, not text (or UTF-32, which rasd does not read)")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        sample = head[:4096 - 4096 % 2].decode("utf_16", errors="replace")
        if "\x00" in sample or sample.count("\ufffd") > 2:
            raise NotText("binary data, not UTF-16 text")
        return "utf_16"
    try:
        head.decode("utf-8")
        return "utf_8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 3 and e.reason == "unexpected end of data":  # cut by the sample's end
            return "utf_8"
    if b"\x00" in head[:4096]:
        raise NotText("binary data, not text")
    if declared:
        try:
            codec = codecs.lookup(declared).name
            head.decode(codec)
            if codec not in {"utf-8", "ascii"}:
                return codec
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=list(ARABIC_ENCODINGS)).best()
    if best is None:
        raise NotText("not text in UTF-8, UTF-16, Windows-1256 or ISO-8859-6 (binary data?)")
    return codecs.lookup(best.encoding).name


def decode_bytes(body: bytes, html: bool = False) -> tuple[str, str]:
    """(text, codec) of a whole file's bytes (see ``sniff_encoding``)."""
    declared = None
    if html:
        m = _CHARSET.search(body[:4096])
        declared = m.group(1).decode("ascii") if m else None
    codec = sniff_encoding(body[:SNIFF] if len(body) > SNIFF else body, declared)
    try:
        return body.decode(codec), codec
    except UnicodeDecodeError as e:
        raise NotText(f"not {encoding_name(codec)} text at byte {e.start} (binary data?)") from e


@dataclass(frozen=True)
class InputProblem:
    origin: str
    doc_id: str | None
    reason: str

    def __str__(self) -> str:
        if self.doc_id:
            return f"document {self.doc_id!r} ({self.origin}): {self.reason}"
        return f"{self.origin}: {self.reason}"


def short_reason(problem: str) -> str:
    """The kind of a problem, for a summary: its message up to the first detail ("not Arabic text",
    "internal error in extraction", "invalid JSON")."""
    cut = len(problem)
    for sep in (" (", ": ", "; "):
        k = problem.find(sep)
        if 0 < k < cut:
            cut = k
    return problem[:cut].strip() or "unknown"


def valid_unicode(raw: RawDoc) -> RawDoc:
    """JSON input can carry lone surrogates (``"\\ud800"``), which no UTF-8 text holds: each becomes
    U+FFFD, one character for one, in every string field."""
    def fix(v: Any) -> Any:
        if not isinstance(v, str):
            return v
        try:
            v.encode("utf-8")
            return v
        except UnicodeEncodeError:
            return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in v)

    fields = {k: fix(v) for k, v in raw.fields.items()}
    doc_id = fix(raw.id)
    return raw if fields == raw.fields and doc_id == raw.id else RawDoc(doc_id, fields, raw.origin, raw.encoding)


def read_input(path: str | Path) -> Iterator[RawDoc | InputProblem]:
    """The documents of a JSON Lines file, a folder of .txt/.html files, or ``-`` (JSON Lines on
    standard input), in order; what cannot be read is an InputProblem naming its file and line."""
    if str(path) == STDIN:
        yield from _read_jsonl_stream(sys.stdin.buffer, "<stdin>")
        return
    p = Path(path)
    if p.is_dir():
        yield from _read_folder(p)
    elif p.exists():
        yield from _read_jsonl(p)
    else:
        yield InputProblem(str(p), None, "no such file or folder")


def _read_jsonl(p: Path) -> Iterator[RawDoc | InputProblem]:
    try:
        f = open(p, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        yield InputProblem(str(p), None, f"cannot read: {e.strerror or e}")
        return
    with f:
        yield from _read_jsonl_stream(f, str(p))


def _read_jsonl_stream(f: IO[bytes], name: str) -> Iterator[RawDoc | InputProblem]:
    seen: set[str] = set()
    try:
        head = f.peek(SNIFF)[:SNIFF] if hasattr(f, "peek") else b""  # type: ignore[attr-defined]
        codec = sniff_encoding(head)
    except NotText as e:
        yield InputProblem(f"{name}:1", None, str(e))
        return
    except OSError as e:
        yield InputProblem(name, None, f"cannot read: {e.strerror or e}")
        return
    enc = None if codec in {"utf_8", "utf_8_sig", "utf-8"} else encoding_name(codec)
    text = io.TextIOWrapper(f, encoding=codec, errors="strict")  # type: ignore[arg-type]
    lineno = 0
    while True:
        lineno += 1
        try:
            line = text.readline()
        except UnicodeDecodeError:
            yield InputProblem(f"{name}:{lineno}", None, f"not {encoding_name(codec)} text (binary data?)")
            break
        except OSError as e:
            yield InputProblem(f"{name}:{lineno}", None, f"cannot read: {e.strerror or e}")
            break
        if not line:
            break
        if not line.strip():
            continue
        origin = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputProblem(origin, None, f"invalid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputProblem(origin, None, "a line must hold a JSON object")
            continue
        doc_id = obj.get("id")
        if not isinstance(doc_id, str | int) or str(doc_id).strip() == "":
            yield InputProblem(origin, None, "missing 'id'")
            continue
        doc_id = str(doc_id)
        if doc_id in seen:
            yield InputProblem(origin, doc_id, "duplicate 'id' in this batch")
            continue
        seen.add(doc_id)
        yield RawDoc(doc_id, obj, origin, enc)


def _read_folder(p: Path) -> Iterator[RawDoc | InputProblem]:
    for f in sorted(p.iterdir()):
        if f.suffix.lower() not in {".txt", ".html", ".htm"} or not f.is_file():
            continue
        origin = str(f)
        is_html = f.suffix.lower() in {".html", ".htm"}
        try:
            body, codec = decode_bytes(f.read_bytes(), html=is_html)
        except NotText as e:
            yield InputProblem(origin, f.stem, str(e))
            continue
        except OSError as e:
            yield InputProblem(origin, f.stem, f"cannot read: {e.strerror or e}")
            continue
        fields: dict[str, Any] = {"id": f.stem}
        fields["html" if f.suffix.lower() in {".html", ".htm"} else "text"] = body
        meta = f.with_name(f.stem + ".meta.json")
        if meta.exists():
            try:
                m = json.loads(meta.read_text(encoding="utf-8"))
                if not isinstance(m, dict):
                    raise ValueError("not an object")
                fields.update({k: v for k, v in m.items() if k not in {"text", "html"}})
                fields["id"] = f.stem
            except (ValueError, OSError) as e:
                yield InputProblem(str(meta), f.stem, f"unreadable metadata ({e}); document read without it")
        enc = None if codec in {"utf_8", "utf_8_sig", "utf-8"} else encoding_name(codec)
        yield RawDoc(f.stem, fields, origin, enc)


def write_jsonl(records: list[dict[str, Any]], out: Any) -> None:
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
