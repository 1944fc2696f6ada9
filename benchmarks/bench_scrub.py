"""Scrub throughput and memory on a generated LLaVA-like file.

usage: python benchmarks/bench_scrub.py [--records 100000] [--num-proc 2] [--workdir benchmarks/_work]

Generates a LLaVA-665K-like mix (instruct chats and descriptions, VQA, OCR-VQA, grounding, captions,
text-only chats; about 1.5 KB per record like the real file), then measures in the same run:
  baseline  json.load + json.dump of the file (the least any tool must do),
  scrub     `scrub_file` with --num-proc workers, streaming, with the audit log.
Prints records/s, peak memory (this process and its workers) and the ratio scrub / baseline.
Targets (issue 2): >= 5,000 records/s on 2 cores; ratio <= 10.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from safe_llava_hf import scrub_file

PEOPLE = ["a young woman", "an elderly man", "two boys", "a person", "a chef", "a Black man", "an Asian woman",
          "a teenage girl", "a heavyset man", "a little girl", "a group of people", "a middle-aged businessman",
          "a mother and her baby", "a skateboarder", "three children", "a slim woman with blue eyes"]
THINGS = ["a white shirt", "a black dog", "an old building", "a red bus", "a plate of food", "a young tree",
          "a baby elephant", "heavy traffic", "a slim phone", "a wooden table", "a row of parked cars",
          "a green traffic light", "a large clock tower", "a bowl of fruit", "a parked motorcycle"]
ACTIONS = ["riding a bicycle past", "standing next to", "looking at", "walking toward", "sitting beside",
           "holding", "pointing at", "taking a picture of"]
PLACES = ["on a busy street", "in a park", "at the beach", "in a small kitchen", "inside a train station",
          "near a fountain", "on a snowy sidewalk"]
PERSON_QUESTIONS = ["How old is the man in the picture?", "What is the gender of the cyclist?", "What race is the woman?",
                    "What is the person holding?", "Is the person wearing a hat?", "What is the woman doing?"]
VQA_QUESTIONS = ["What color is the bus?", "How many people are there?", "Is it raining?", "What is on the table?",
                 "What sport is this?", "Where is the clock?", "What is the man holding?", "Is the light red?"]
VQA_ANSWERS = ["Yes", "No", "2", "Red", "Tennis", "On the wall", "Umbrella", "Pizza", "3", "Blue", "Man", "Woman"]
PROSE = ("The function returns a list of integers sorted in ascending order. To reproduce the issue, install "
         "the package, run the script with the default configuration and compare the output with the expected "
         "values in the table. The algorithm has a time complexity of O(n log n) and uses constant extra memory. ")


def sentence(rng: random.Random, people: float = 0.6) -> str:
    who = rng.choice(PEOPLE) if rng.random() < people else rng.choice(THINGS)
    text = f"{who[0].upper()}{who[1:]} is {rng.choice(ACTIONS)} {rng.choice(THINGS)} {rng.choice(PLACES)}."
    if who in PEOPLE and rng.random() < 0.5:
        text += rng.choice([" She is smiling.", " He is wearing a jacket.", " They seem relaxed.", " His bag is red."])
    return text


def make_record(i: int, rng: random.Random) -> dict:
    """One record of a LLaVA-665K-like mix: instruct chats, VQA, OCR, grounding, captions, text-only."""
    kind = rng.random()
    suffix = "\nAnswer the question using a single word or phrase."
    if kind < 0.25:  # LLaVA-Instruct: conversation or detailed description
        turns = []
        for k in range(rng.randint(2, 5)):
            q = rng.choice(PERSON_QUESTIONS + VQA_QUESTIONS + ["Describe this scene in detail."])
            turns += [("<image>\n" if k == 0 else "") + q, " ".join(sentence(rng) for _ in range(rng.randint(2, 8)))]
    elif kind < 0.60:  # VQAv2 / GQA: many short questions
        turns = []
        for k in range(rng.randint(3, 10)):
            turns += [("<image>\n" if k == 0 else "") + rng.choice(VQA_QUESTIONS) + suffix, rng.choice(VQA_ANSWERS)]
    elif kind < 0.72:  # OCR-VQA
        turns = ["<image>\nWho wrote this book?", "Jane Smith", "What is the title of this book?", "The Old Man and the Sea",
                 "What type of book is this?", "Literature & Fiction", "Is this a comedy book?", "No"]
    elif kind < 0.80:  # RefCOCO grounding
        turns = ["<image>\nProvide the bounding box coordinate of the region this sentence describes: man in red shirt on left",
                 "[0.12, 0.31, 0.45, 0.98]", "woman holding umbrella", "[0.51, 0.22, 0.77, 0.95]"]
    elif kind < 0.94:  # short captions
        turns = ["<image>\nDescribe the image briefly.", sentence(rng)[:-1].lower()]
    else:  # ShareGPT: long text-only chat, no image
        turns = ["Can you explain how this sorting function works?", PROSE * rng.randint(3, 8),
                 "Thanks. Can you make it faster?", PROSE * rng.randint(2, 5)]
    roles = ["human", "gpt"]
    return {"id": f"{i:09d}", "image": f"coco/train2017/{i:012d}.jpg",
            "conversations": [{"from": roles[k % 2], "value": v} for k, v in enumerate(turns)]}


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--num-proc", type=int, default=2)
    parser.add_argument("--workdir", default="benchmarks/_work")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    src = work / f"llava_like_{args.records}.json"
    if not src.exists():
        rng = random.Random(0)
        with open(src, "w") as f:
            json.dump([make_record(i, rng) for i in range(args.records)], f)
    size_mb = src.stat().st_size / 2**20

    t0 = time.perf_counter()
    summary = scrub_file(src, work / "scrubbed.json", work / "scrubbed.audit.jsonl", num_proc=args.num_proc, progress=False)
    scrub = time.perf_counter() - t0
    scrub_peak = peak_mb(resource.RUSAGE_SELF)

    t0 = time.perf_counter()
    with open(src) as f:
        data = json.load(f)
    with open(work / "baseline_copy.json", "w") as f:
        json.dump(data, f)
    baseline = time.perf_counter() - t0
    del data

    rate = args.records / scrub
    print(f"file: {src} ({args.records} records, {size_mb:.0f} MB)")
    print(f"baseline json.load+json.dump: {baseline:.2f} s")
    print(f"scrub --num-proc {args.num_proc}: {scrub:.2f} s = {rate:,.0f} records/s "
          f"({summary.actions['rewritten']} rewritten, {summary.actions['refused']} refused, "
          f"{summary.actions['unchanged']} unchanged)")
    print(f"peak memory during scrub: main {scrub_peak:.0f} MB, largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB "
          f"(json.load of the same file peaks at {peak_mb(resource.RUSAGE_SELF):.0f} MB)")
    print(f"ratio scrub/baseline: {scrub / baseline:.1f} (target <= 10); records/s target >= 5,000: "
          f"{'met' if rate >= 5000 else 'NOT met'}")


if __name__ == "__main__":
    main()
