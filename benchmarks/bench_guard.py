"""Latency the biometric guard adds per call (question check + answer check) against the model call.

usage: python benchmarks/bench_guard.py [--calls 200]

Runs the offline tiny Llava with and without the guard on the same pictures and questions (half of
them neutral, so the model is called and its answer checked; the other half biometric, refused before
the model) and, separately, the guard's checks alone on realistic 60-word answers. Prints ms per call
and the ratio to the model call. Target (issue 6): < 2 ms added per answer.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from PIL import Image

from safe_llava_hf.guard import BiometricGuard
from safe_llava_hf.testing import build_tiny_llava
from safe_llava_hf.guard.vlm import VLM

ANSWERS = [
    "In the image, a young woman in a red coat is walking a black dog along a wet street lined with parked "
    "cars. She is holding an umbrella and smiling, while an older man waits at the bus stop reading a "
    "newspaper. Shop windows reflect the grey sky and a cyclist passes in the background near {k}.",
    "The picture shows a busy market with stalls of fruit and vegetables. A vendor is weighing apples on a "
    "scale while several customers look at the baskets. Bright awnings shade the stalls and a delivery van "
    "is parked at the corner of the street near stall {k}.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        vlm = VLM.load(build_tiny_llava(Path(tmp) / "tiny"), max_new_tokens=16)
        guard = BiometricGuard(vlm, mode="redact")
        image = Image.new("RGB", (64, 64), (120, 160, 200))
        question = "Describe the picture in detail."
        vlm(image, question)

        t0 = time.perf_counter()
        for _ in range(args.calls // 4):
            vlm(image, question)
        model_ms = (time.perf_counter() - t0) / (args.calls // 4) * 1000

        # the checks alone, on unique realistic answers (no cache hits)
        texts = [re.sub(r"\.( |$)", f" in view {k}.\\1", ANSWERS[k % 2].format(k=k)) for k in range(args.calls)]
        t0 = time.perf_counter()
        for k, text in enumerate(texts):
            guard.check_question(f"{question} ({k})")
            guard.check_answer(text)
        checks_ms = (time.perf_counter() - t0) / args.calls * 1000

        t0 = time.perf_counter()
        for _ in range(args.calls // 4):
            guard(image, question)
        guarded_ms = (time.perf_counter() - t0) / (args.calls // 4) * 1000

    print(f"tiny model call: {model_ms:.2f} ms; guarded call: {guarded_ms:.2f} ms")
    print(f"guard checks alone (question + 60-word answer, every sentence unique): {checks_ms:.3f} ms per call "
          f"= {checks_ms / model_ms:.2f}x the tiny model call; target < 2 ms: {'met' if checks_ms < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
