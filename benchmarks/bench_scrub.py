"""Scrub throughput and memory on a generated LLaVA-like file in which no sentence repeats.

usage: python benchmarks/bench_scrub.py [--records 100000] [--num-proc 2] [--text real|templated]
                                        [--pool ../shared/eval] [--workdir benchmarks/_work]

Generates a LLaVA-665K-like mix (instruct chats and descriptions, VQA, OCR-VQA, grounding, captions,
text-only chats; about 1.5 KB per record like the real file), then measures in the same run:
  baseline  json.load + json.dump of the file (the least any tool must do),
  scrub     `scrub_file` with --num-proc workers, streaming, with the audit log.
Prints records/s, peak memory (this process and its workers) and the ratio scrub / baseline.

The detector caches per sentence, so text built from a few templates measures the cache. With
``--text real`` (default) every sentence comes from real captions, questions and model answers (the
shared scrub sets, or the embedded sample when they are missing) and carries a marker of its own
("... (item bqx)."), so no sentence repeats anywhere in the file; ``--text templated`` is the old
generator, for comparison. Targets: ratio <= 10 (aim <= 5).
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import random
import re
import resource
import time
from pathlib import Path

from safe_llava_hf import scrub_file
from safe_llava_hf.sample import sample_path

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


class RealText:
    """Sentences of real captions, questions and answers, each made unique by a marker."""

    def __init__(self, pool_dir: str):
        texts = []
        for path in glob.glob(f"{pool_dir}/scrub_*.jsonl"):
            for line in open(path, encoding="utf-8"):
                row = json.loads(line)
                texts += [t["value"] for t in row.get("conversations", [])] + [row.get(k) or "" for k in ("text", "response")]
        if not texts:  # outside this workplace: the embedded sample
            texts = [t["value"] for r in json.load(open(sample_path())) for t in r["conversations"]]
        parts = {p.strip() for t in texts for p in re.split(r"(?<=[.!?])\s+", t.replace("<image>", " ")) if len(p.strip()) > 3}
        self.questions = sorted(p for p in parts if p.endswith("?"))
        self.statements = sorted(p for p in parts if not p.endswith("?"))
        self.codes = ("".join(c) for n in itertools.count(3) for c in itertools.product("bcdfghjklmnpqrstvwxz", repeat=n))

    def unique(self, text: str) -> str:
        body, end = (text[:-1], text[-1]) if text[-1] in ".!?" else (text, ".")
        return f"{body} (item {next(self.codes)}){end}"

    def sentence(self, rng: random.Random, people: float = 0.6) -> str:
        return self.unique(rng.choice(self.statements))

    def question(self, rng: random.Random, pool: list[str]) -> str:
        return self.unique(rng.choice(self.questions))


class TemplatedText:
    """The old generator: a few templates, so sentences repeat and the caches answer most of them."""

    def sentence(self, rng: random.Random, people: float = 0.6) -> str:
        return templated_sentence(rng, people)

    def unique(self, text: str) -> str:
        return text

    def question(self, rng: random.Random, pool: list[str]) -> str:
        return rng.choice(pool)


def templated_sentence(rng: random.Random, people: float = 0.6) -> str:
    who = rng.choice(PEOPLE) if rng.random() < people else rng.choice(THINGS)
    text = f"{who[0].upper()}{who[1:]} is {rng.choice(ACTIONS)} {rng.choice(THINGS)} {rng.choice(PLACES)}."
    if who in PEOPLE and rng.random() < 0.5:
        text += rng.choice([" She is smiling.", " He is wearing a jacket.", " They seem relaxed.", " His bag is red."])
    return text


def make_record(i: int, rng: random.Random, text: "RealText | TemplatedText") -> dict:
    """One record of a LLaVA-665K-like mix: instruct chats, VQA, OCR, grounding, captions, text-only."""
    sentence = text.sentence
    kind = rng.random()
    suffix = "\nAnswer the question using a single word or phrase."
    if kind < 0.25:  # LLaVA-Instruct: conversation or detailed description
        turns = []
        for k in range(rng.randint(2, 5)):
            q = text.question(rng, PERSON_QUESTIONS + VQA_QUESTIONS + ["Describe this scene in detail."])
            turns += [("<image>\n" if k == 0 else "") + q, " ".join(sentence(rng) for _ in range(rng.randint(2, 8)))]
    elif kind < 0.60:  # VQAv2 / GQA: many short questions
        turns = []
        for k in range(rng.randint(3, 10)):
            turns += [("<image>\n" if k == 0 else "") + text.question(rng, VQA_QUESTIONS) + suffix,
                      text.unique(rng.choice(VQA_ANSWERS))]
    elif kind < 0.72:  # OCR-VQA
        turns = ["<image>\n" + text.unique("Who wrote this book?"), text.unique("Jane Smith"),
                 text.unique("What is the title of this book?"), text.unique("The Old Man and the Sea"),
                 text.unique("What type of book is this?"), text.unique("Literature & Fiction"),
                 text.unique("Is this a comedy book?"), text.unique("No")]
    elif kind < 0.80:  # RefCOCO grounding
        turns = ["<image>\nProvide the bounding box coordinate of the region this sentence describes: "
                 + text.unique("man in red shirt on left"), "[0.12, 0.31, 0.45, 0.98]",
                 text.unique("woman holding umbrella"), "[0.51, 0.22, 0.77, 0.95]"]
    elif kind < 0.94:  # short captions
        turns = ["<image>\nDescribe the image briefly.", sentence(rng)[:-1].lower()]
    else:  # ShareGPT: long text-only chat, no image
        prose = (lambda n: PROSE * n) if isinstance(text, TemplatedText) else (
            lambda n: " ".join(sentence(rng) for _ in range(4 * n)))
        turns = [text.unique("Can you explain how this sorting function works?"), prose(rng.randint(3, 8)),
                 text.unique("Thanks. Can you make it faster?"), prose(rng.randint(2, 5))]
    roles = ["human", "gpt"]
    return {"id": f"{i:09d}", "image": f"coco/train2017/{i:012d}.jpg",
            "conversations": [{"from": roles[k % 2], "value": v} for k, v in enumerate(turns)]}


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--num-proc", type=int, default=2)
    parser.add_argument("--text", choices=("real", "templated"), default="real")
    parser.add_argument("--pool", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "eval"),
                        help="folder of .jsonl files whose sentences make the real text")
    parser.add_argument("--workdir", default="benchmarks/_work")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    src = work / f"llava_like_{args.text}_{args.records}.json"
    if not src.exists():
        rng = random.Random(0)
        text = RealText(args.pool) if args.text == "real" else TemplatedText()
        with open(src, "w") as f:
            json.dump([make_record(i, rng, text) for i in range(args.records)], f)
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
    print(f"file: {src} ({args.records} records, {size_mb:.0f} MB, {args.text} text)")
    print(f"baseline json.load+json.dump: {baseline:.2f} s")
    print(f"scrub --num-proc {args.num_proc}: {scrub:.2f} s = {rate:,.0f} records/s "
          f"({summary.actions['rewritten']} rewritten, {summary.actions['refused']} refused, "
          f"{summary.actions['unchanged']} unchanged)")
    print(f"peak memory during scrub: main {scrub_peak:.0f} MB, largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB "
          f"(json.load of the same file peaks at {peak_mb(resource.RUSAGE_SELF):.0f} MB)")
    print(f"ratio scrub/baseline: {scrub / baseline:.1f} (target <= 10, aim <= 5)")


if __name__ == "__main__":
    main()
