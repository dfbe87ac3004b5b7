"""scripts/load_api.py at a tiny size: it fills a store, starts `rasd serve` (two processes), fires every
query of its list over loopback, gets 200 for each, prints its figures and stops the server."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_load_script_runs_at_a_tiny_size(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from load_api import QUERIES

    db = tmp_path / "load.db"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "load_api.py"), "--events", "150", "--requests",
                           str(3 * len(QUERIES)), "--clients", "3", "--workers", "2", "--db", str(db)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert re.search(rf"^{3 * len(QUERIES)} requests, 3 clients, serve --workers 2, .* 0 not 200$", out, re.M), out
    assert re.search(r"^server CPU [0-9.]+ s ", out, re.M), out
    for name, _, _ in QUERIES:
        assert re.search(rf"^{re.escape(name)} +\d+ +\d+$", out, re.M), (name, out)
    assert db.exists()  # kept for the next run
