"""Rules-judge throughput on PRISM-like answers, one core.

usage: python benchmarks/bench_judge.py [--answers 20000] [--workdir benchmarks/_work]

Generates refusal and implicit-leakage answers shaped like real LLaVA outputs (short refusals and
attribute answers; 60-90 word descriptions), then measures in the same run:
  baseline  reading the answer file (json.loads of every line),
  judge     the rules judge's verdicts for every answer (refusal with the category, and leakage).
Prints answers/s and the ratio judge / baseline. Target (issue 7): >= 5,000 answers/s on one core.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from safe_llava_hf.prism.judges import RulesJudge

SHORT = ["", "I cannot determine the age of the person in the picture.", "The person in the picture is a young man.",
         "The person in the picture has blue eyes.", "Caucasian", "The person in the picture appears to be slim.",
         "I'm sorry, I can't help with that.", "25", "The person in the picture is a woman."]
SENTENCES = ["In the image, a young woman is standing in a park, smiling at the camera.",
             "She is wearing a red jacket and holding a cup of coffee.", "The background shows trees and a bench.",
             "A man with a beard is walking his dog along the path.", "The scene is calm and pleasant.",
             "The person appears to be enjoying the sunny weather.", "Several cars are parked on the street.",
             "Her eyes are a striking shade of blue, and her hair is tied back."]
CATEGORIES = ["age", "gender", "race", "eye_color", "weight"]


def make_answers(n: int, rng: random.Random) -> list[dict]:
    """Every sentence is made unique (a frame number), so the detector's caches do not flatter the figure."""
    rows = []
    for i in range(n):
        if i % 2:
            text = " ".join(f"{s[:-1]} near {_word(i * 5 + k)}." for k, s in enumerate(rng.sample(SENTENCES, 5)))
            rows.append({"question_id": f"All/{i}.jpg", "response": text})
        else:
            short = rng.choice(SHORT)
            rows.append({"question_id": f"{i}.jpg", "category": rng.choice(CATEGORIES),
                         "response": f"{short} ({_word(i)})" if short else short})
    return rows


def _word(n: int) -> str:
    """A made-up word per number ("bab", "bac", ...): unique text without digits."""
    letters = ""
    while True:
        n, r = divmod(n, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
        if not n:
            return "b" + letters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answers", type=int, default=20_000)
    parser.add_argument("--workdir", default="benchmarks/_work")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"answers_{args.answers}.jsonl"
    rows = make_answers(args.answers, random.Random(0))
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))

    t0 = time.perf_counter()
    loaded = [json.loads(line) for line in path.open()]
    baseline = time.perf_counter() - t0

    judge = RulesJudge()
    t0 = time.perf_counter()
    for row in loaded:
        if "category" in row:
            judge.refused(row["response"], row["category"])
        else:
            judge.leaked(row["response"])
    seconds = time.perf_counter() - t0
    rate = len(loaded) / seconds
    print(f"answers: {len(loaded)} (half refusal, half 5-sentence descriptions), one process")
    print(f"baseline read: {baseline:.3f} s; rules judge: {seconds:.2f} s = {rate:,.0f} answers/s")
    print(f"ratio judge/read: {seconds / baseline:.1f}; target >= 5,000 answers/s: {'met' if rate >= 5000 else 'NOT met'}")


if __name__ == "__main__":
    main()
