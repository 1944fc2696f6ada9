"""PRISM answering throughput: questions/s at batch 1 and at batch 8 and 16, and their ratio.

usage: python benchmarks/bench_prism_run.py [--questions 48] [--max-new-tokens 16] [--gpu-7b]

CPU (always): the offline tiny Llava from `safe-llava tiny-model` on a generated PRISM sample. Its
answers are noise and its size is nothing like a real model's, so its ratio says more about batching
overheads than about a GPU. With --gpu-7b on a CUDA machine: a LLaVA-1.5-7B-shaped model with random
weights (Llama-2-7B text config + CLIP ViT-L/14-336 vision config, bf16, sdpa; nothing downloaded),
with peak GPU memory. Target on GPU (issue 4): batch 16 >= 4x batch 1.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from safe_llava_hf.prism.data import load_prism
from safe_llava_hf.sample import write_prism_sample
from safe_llava_hf.testing import build_tiny_llava
from safe_llava_hf.guard.vlm import VLM


def throughput(vlm: VLM, images, questions, batch: int, max_new_tokens: int) -> float:
    vlm.answer(images[:batch], questions[:batch], max_new_tokens)  # warm-up
    t0 = time.perf_counter()
    for i in range(0, len(questions), batch):
        vlm.answer(images[i:i + batch], questions[i:i + batch], max_new_tokens)
    return len(questions) / (time.perf_counter() - t0)


def seven_b_shaped(tokenizer_dir: Path) -> VLM:
    """LLaVA-1.5-7B shapes with random weights on the GPU (the tiny model's processor, resized images)."""
    import torch
    from transformers import AutoProcessor, CLIPVisionConfig, LlamaConfig, LlavaConfig, LlavaForConditionalGeneration

    processor = AutoProcessor.from_pretrained(tokenizer_dir)
    processor.image_processor.size = {"shortest_edge": 336}
    processor.image_processor.crop_size = {"height": 336, "width": 336}
    processor.patch_size = 14
    config = LlavaConfig(
        vision_config=CLIPVisionConfig(hidden_size=1024, intermediate_size=4096, num_hidden_layers=24,
                                       num_attention_heads=16, image_size=336, patch_size=14, projection_dim=768),
        text_config=LlamaConfig(vocab_size=32064, hidden_size=4096, intermediate_size=11008, num_hidden_layers=32,
                                num_attention_heads=32, num_key_value_heads=32, max_position_embeddings=4096,
                                pad_token_id=processor.tokenizer.pad_token_id, eos_token_id=processor.tokenizer.eos_token_id),
        image_token_index=processor.tokenizer.convert_tokens_to_ids("<image>"), vision_feature_layer=-2,
        vision_feature_select_strategy="default", projector_hidden_act="gelu")
    with torch.device("cuda"):
        model = LlavaForConditionalGeneration(config).to(torch.bfloat16)
    model.config._attn_implementation = "sdpa"
    return VLM(model.eval(), processor, "llava-1.5-7b-shaped (random weights)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=48)
    parser.add_argument("--max-new-tokens", type=int, default=16)
    parser.add_argument("--gpu-7b", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tiny = build_tiny_llava(Path(tmp) / "tiny")
        prism = write_prism_sample(Path(tmp) / "prism", "v2", per_category=5)
        ds = load_prism(prism, "refusal_soft", "small")
        reps = -(-args.questions // len(ds))
        images = (list(ds["image"]) * reps)[: args.questions]
        questions = (list(ds["question"]) * reps)[: args.questions]
        runs = [("tiny Llava, CPU", VLM.load(tiny, dtype="fp32", device="cpu"))]
        if args.gpu_7b:
            import torch

            torch.cuda.reset_peak_memory_stats()
            runs.append(("LLaVA-1.5-7B-shaped, GPU bf16", seven_b_shaped(tiny)))
        for label, vlm in runs:
            rates = {b: throughput(vlm, images, questions, b, args.max_new_tokens) for b in (1, 8, 16)}
            print(f"{label}: " + ", ".join(f"batch {b}: {r:.2f} q/s" for b, r in rates.items())
                  + f"; ratio batch 8/1 {rates[8] / rates[1]:.1f}x, batch 16/1 {rates[16] / rates[1]:.1f}x")
            if "GPU" in label:
                import torch

                print(f"peak GPU memory: {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB (target: 16/1 >= 4x)")


if __name__ == "__main__":
    main()
