#!/usr/bin/env python3
"""Benchmark extraction (and, with --link, linking): articles per second and peak memory.

usage: python scripts/bench.py [--docs N] [--corpus FILE.jsonl] | [--link 10000 100000 [--ids-only]]
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
    ap.add_argument("--link", type=int, nargs="*", default=None, metavar="N",
                    help="benchmark linking of N synthetic records instead (e.g. --link 10000 100000)")
    ap.add_argument("--ids-only", action="store_true",
                    help="with --link: cluster ids only, as rasd extract links (no cluster summaries)")
    args = ap.parse_args()
    from rasd.bench import run_extract_bench, run_link_bench

    if args.link is not None:
        sizes = args.link or [10_000, 100_000]
        if len(sizes) > 1:  # one size per process, so that peak memory is that size's
            import subprocess

            for n in sizes:
                subprocess.run([sys.executable, __file__, "--link", str(n)] + (["--ids-only"] if args.ids_only else []),
                               check=True)
            return 0
        print(f"-- linking {sizes[0]} records")
        for k, v in run_link_bench(sizes[0], ids_only=args.ids_only).items():
            print(f"{k:28} {v}")
        return 0
    for k, v in run_extract_bench(args.docs, args.corpus).items():
        print(f"{k:28} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
