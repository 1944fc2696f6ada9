"""Building the Safe-LLaVA instruct config with embedded images: rows/s and peak memory.

usage: python benchmarks/bench_datasets.py [--rows 50000] [--images 5000] [--workdir benchmarks/_work]

Generates a LLaVA-like JSON file of --rows conversations over --images small drawn JPEGs, then
measures in the same run:
  baseline  reading the JSON and every row's image bytes (the I/O any build must do),
  build     dataset_scripts/build_safe_llava.py into parquet shards (messages + embedded images).
Prints rows/s, the ratio build / baseline, peak memory of the build and the output size: the build
streams rows, so memory stays flat as --rows grows.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from safe_llava_hf.sample import draw_picture

TEXTS = ["A person is riding a bicycle past a row of parked cars.", "Two people are sitting on a bench in a park.",
         "A red bus is stopped at a crosswalk near a tall building.", "A plate of pasta with tomatoes on a wooden table."]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--images", type=int, default=5_000)
    parser.add_argument("--workdir", default="benchmarks/_work")
    args = parser.parse_args()
    work = Path(args.workdir) / "datasets"
    images = work / "images"
    if not (images / f"{args.images - 1:06d}.jpg").exists():
        for i in range(args.images):
            draw_picture(images / f"{i:06d}.jpg", seed=i)
    rng = random.Random(0)
    src = work / f"llava_{args.rows}.json"
    records = [{"id": str(i), "image": f"{i % args.images:06d}.jpg", "conversations": [
        {"from": "human", "value": "<image>\nDescribe the image in detail."},
        {"from": "gpt", "value": " ".join(rng.choice(TEXTS) for _ in range(rng.randint(2, 6)))}]} for i in range(args.rows)]
    src.write_text(json.dumps(records))
    del records

    t0 = time.perf_counter()
    loaded = json.loads(src.read_text())
    total = sum(len((images / r["image"]).read_bytes()) for r in loaded)
    baseline = time.perf_counter() - t0
    del loaded

    out = work / "built"
    script = Path(__file__).resolve().parents[1] / "dataset_scripts" / "build_safe_llava.py"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(script), "--instruct", str(src), "--image-root", str(images),
                    "--output-dir", str(out)], check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in out.rglob("*.parquet")) / 2**20
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"rows: {args.rows:,} over {args.images:,} images ({total / 2**20:.0f} MB of image bytes read)")
    print(f"baseline read JSON + image bytes: {baseline:.2f} s")
    print(f"build: {seconds:.2f} s = {args.rows / seconds:,.0f} rows/s; ratio build/baseline {seconds / baseline:.1f}")
    print(f"peak memory of the build process: {peak:.0f} MB; output: {size:.0f} MB of parquet")


if __name__ == "__main__":
    main()
