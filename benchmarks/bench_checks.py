"""Cost of every check against input length: question screen, answer check and scrub turn.

usage: python benchmarks/bench_checks.py [--pool ../shared/eval]

For 1 KB, 10 KB and 100 KB inputs (real sentences from the shared sets, each made unique with a marker so
the per-sentence caches answer nothing, plus a hostile input of one word repeated without punctuation)
it prints the seconds of each check and the ratios 10 KB / 1 KB and 100 KB / 10 KB. Linear cost gives
ratios near 10; quadratic cost near 100.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import re
import time
from pathlib import Path

from safe_llava_hf import BiometricEngine, Scrubber
from safe_llava_hf.guard import BiometricGuard
from safe_llava_hf.sample import sample_path

SIZES = (1_000, 10_000, 100_000)


def sentences(pool: str) -> list[str]:
    texts = [t["value"] for p in glob.glob(f"{pool}/scrub_*.jsonl") for line in open(p, encoding="utf-8")
             for t in json.loads(line)["conversations"]]
    if not texts:
        texts = [t["value"] for r in json.load(open(sample_path())) for t in r["conversations"]]
    parts = {p.strip() for t in texts for p in re.split(r"(?<=[.!?])\s+", t.replace("<image>", " ")) if len(p.strip()) > 3}
    return sorted(parts)


def unique_text(pool: list[str], size: int, codes) -> str:
    out, n = [], 0
    for s in itertools.cycle(pool):
        body, end = (s[:-1], s[-1]) if s[-1] in ".!?" else (s, ".")
        piece = f"{body} (item {next(codes)}){end}"
        out.append(piece)
        n += len(piece) + 1
        if n >= size:
            return " ".join(out)[:size]
    raise AssertionError


def timed(fn, text: str) -> float:
    t0 = time.perf_counter()
    fn(text)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pool", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "eval"))
    args = parser.parse_args()
    pool = sentences(args.pool)
    codes = ("".join(c) for n in itertools.count(3) for c in itertools.product("bcdfghjklmnpqrstvwxz", repeat=n))
    checks = {
        "question screen": lambda: BiometricGuard(lambda i, q: "", BiometricEngine(), mode="refuse").check_question,
        "answer check": lambda: BiometricGuard(lambda i, q: "", BiometricEngine(), mode="rewrite").check_answer,
        "scrub turn": lambda: Scrubber(BiometricEngine()).scrub_text,
    }
    inputs = {"real text": lambda size: unique_text(pool, size, codes),
              "hostile (one word repeated)": lambda size: ("eyes " * (size // 5))[:size]}
    for kind, make in inputs.items():
        print(f"{kind}:")
        for name, build in checks.items():
            times = []
            for size in SIZES:  # a fresh engine per size, so caches start empty; warmed up on a short text
                check = build()
                check("Hello there.")
                times.append(timed(check, make(size)))
            ratios = "  ".join(f"{b / a:5.1f}x" for a, b in zip(times, times[1:]))
            print(f"  {name:16} " + "  ".join(f"{s // 1000:>3} KB {t:7.3f} s" for s, t in zip(SIZES, times))
                  + f"   ratios {ratios}")


if __name__ == "__main__":
    main()
