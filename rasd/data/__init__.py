"""Language data (lexicons, gazetteer, maps) and their loaders' common helpers.

Every file here is listed in MANIFEST.tsv with its source, licence and checksum.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).parent


def data_path(name: str) -> Path:
    return DATA_DIR / name


class DataError(ValueError):
    """A data file is malformed; the message names the file and line."""


def read_tsv(name: str, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV data file as (line number, {column: value}); '#' lines are comments."""
    path = data_path(name)
    with open(path, encoding="utf-8", newline="") as f:
        header: list[str] | None = None
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DataError(f"{name}:{lineno}: header lacks columns {missing}")
                continue
            if len(cells) > len(header):
                raise DataError(f"{name}:{lineno}: {len(cells)} cells, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield lineno, {h: c.strip() for h, c in zip(header, cells, strict=True)}


def split_forms(cell: str) -> list[str]:
    return [f.strip() for f in cell.split("|") if f.strip()]


__all__ = ["DATA_DIR", "DataError", "data_path", "read_tsv", "split_forms"]
