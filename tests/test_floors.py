"""The quality floors only rise. A floor lower than the previous commit's (or the committed one, for
a change not committed yet) needs a line in docs/quality.md naming it (``set.metric``) and its new
value, saying why."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = "tests/quality_floors.json"


def _git_floors(rev: str) -> dict | None:
    try:
        r = subprocess.run(["git", "show", f"{rev}:{FLOORS}"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    return json.loads(r.stdout) if r.returncode == 0 else None


def lowered(old: dict, new: dict) -> list[tuple[str, float, float]]:
    """(set.metric, old floor, new floor) for each floor that went down or went away."""
    out = []
    for name, figures in old.items():
        for k, v in figures.items():
            w = new.get(name, {}).get(k)
            if w is None or w < v:
                out.append((f"{name}.{k}", v, w))
    return out


def entries(notes: str) -> list[str]:
    """The entries of the "Lowered floors" section: list items with their continuation lines."""
    section = notes.split("## Lowered floors", 1)[1] if "## Lowered floors" in notes else ""
    out: list[str] = []
    for line in section.splitlines():
        if line.startswith(("- ", "* ")):
            out.append(line)
        elif line.startswith("  ") and out:
            out[-1] += " " + line.strip()
    return out


def explained(low: list[tuple[str, float, float | None]], notes: str) -> list[tuple[str, float, float | None]]:
    """The lowered floors that no entry of docs/quality.md names: by ``set.metric``, or by its set and
    its figure (``realworld2 ... actor1`` for ``realworld2.actor1_acc``)."""
    items = entries(notes)

    def named(key: str) -> bool:
        name, metric = key.split(".", 1)
        base = metric.rsplit("_", 1)[0] if metric.endswith(("_acc", "_f1", "_recall", "_precision")) else metric
        return any(key in e or ((f"`{name}`" in e or f" {name} " in f" {e} ")
                                and any(w.strip("`,.;:()") in (metric, base) for w in e.split())) for e in items)

    return [x for x in low if not named(x[0])]


def test_lowered_floors_are_found():
    old = {"dev": {"f1": 0.8, "date_acc": 0.9}}
    assert lowered(old, {"dev": {"f1": 0.8, "date_acc": 0.95}}) == []
    assert lowered(old, {"dev": {"f1": 0.79, "date_acc": 0.9}}) == [("dev.f1", 0.8, 0.79)]
    assert lowered(old, {"dev": {"f1": 0.8}}) == [("dev.date_acc", 0.9, None)]
    low = [("dev.f1", 0.8, 0.79)]
    head = "# Floors\n\nAbout dev.f1, not an entry.\n\n## Lowered floors\n"
    assert explained(low, head + "- dev.f1 0.8 -> 0.79: the scorer now counts undated events") == []
    assert explained(low, head + "- 2026-01-01: the `dev` gold was\n  corrected, and f1 went down") == []
    assert explained(low, head + "- 2026-01-01: the `dev` gold was\n  corrected") == low  # which figure?
    assert explained(low, head + "- dev2.f1 0.79: another set") == low
    assert explained(low, head) == low


def test_floors_only_rise():
    if shutil.which("git") is None or _git_floors("HEAD") is None:
        pytest.skip("no git history here to compare the floors with")
    current = json.loads((ROOT / FLOORS).read_text(encoding="utf-8"))
    notes_path = ROOT / "docs" / "quality.md"
    notes = notes_path.read_text(encoding="utf-8") if notes_path.exists() else ""
    head = _git_floors("HEAD")
    before = _git_floors("HEAD~1")
    problems = []
    if head is not None:
        problems += explained(lowered(head, current), notes)  # a change not committed yet
        if before is not None:
            problems += explained(lowered(before, head), notes)  # the last commit
    assert not problems, ("floors lowered without a line in docs/quality.md (set.metric, before, after): "
                          f"{problems}")
