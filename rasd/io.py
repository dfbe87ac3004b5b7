"""Reading documents (JSON Lines or a folder of .txt/.html with NAME.meta.json) and writing
records (JSON Lines, ACLED CSV). Bad input becomes an ``InputProblem`` naming the file and line;
it never stops the batch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RawDoc:
    id: str
    fields: dict[str, Any]
    origin: str  # "file.jsonl:12" or "folder/name.txt"


@dataclass(frozen=True)
class InputProblem:
    origin: str
    doc_id: str | None
    reason: str

    def __str__(self) -> str:
        who = f" (document {self.doc_id!r})" if self.doc_id else ""
        return f"{self.origin}{who}: {self.reason}"


def read_input(path: str | Path) -> Iterator[RawDoc | InputProblem]:
    p = Path(path)
    if p.is_dir():
        yield from _read_folder(p)
    elif p.exists():
        yield from _read_jsonl(p)
    else:
        yield InputProblem(str(p), None, "no such file or folder")


def _read_jsonl(p: Path) -> Iterator[RawDoc | InputProblem]:
    seen: set[str] = set()
    try:
        f = open(p, encoding="utf-8", errors="strict")  # noqa: SIM115 - closed below
    except OSError as e:
        yield InputProblem(str(p), None, f"cannot read: {e.strerror or e}")
        return
    with f:
        lineno = 0
        while True:
            lineno += 1
            try:
                line = f.readline()
            except UnicodeDecodeError:
                yield InputProblem(f"{p}:{lineno}", None, "not UTF-8 text (binary data?)")
                break
            if not line:
                break
            if not line.strip():
                continue
            origin = f"{p}:{lineno}"
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
            yield RawDoc(doc_id, obj, origin)


def _read_folder(p: Path) -> Iterator[RawDoc | InputProblem]:
    for f in sorted(p.iterdir()):
        if f.suffix.lower() not in {".txt", ".html", ".htm"} or not f.is_file():
            continue
        origin = str(f)
        try:
            body = f.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            yield InputProblem(origin, f.stem, "not UTF-8 text (binary data?)")
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
        yield RawDoc(f.stem, fields, origin)


def write_jsonl(records: list[dict[str, Any]], out: Any) -> None:
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
