#!/usr/bin/env python3
"""Benchmark extraction (and, with --link, linking): articles per second and peak memory.

usage: python scripts/bench.py [--docs N] [--corpus FILE.jsonl]
Start-up is measured in a fresh interpreter, so run this script, not an imported function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--corpus", type=Path, default=None)
    args = ap.parse_args()
    from rasd.bench import run_extract_bench

    for k, v in run_extract_bench(args.docs, args.corpus).items():
        print(f"{k:28} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
