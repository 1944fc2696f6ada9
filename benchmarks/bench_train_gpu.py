"""Training throughput and memory of one SFT step for a LLaVA-1.5-7B-shaped model (GPU only).

usage: python benchmarks/bench_train_gpu.py [--batch 4] [--seq 1024] [--steps 3]

Random weights with LLaVA-1.5-7B shapes (Llama-2-7B text config, CLIP ViT-L/14-336 vision config),
bf16, nothing downloaded. Measures training tokens/s and peak GPU memory for: full fine-tuning of the
language model + projector with sdpa, the same with flash-attention 2 when installed, and LoRA r=128
on the language model. Prints each against the sdpa full-fine-tuning baseline of the same run.
"""

from __future__ import annotations

import argparse
import time

import torch


def build(attn: str):
    from transformers import CLIPVisionConfig, LlamaConfig, LlavaConfig, LlavaForConditionalGeneration

    config = LlavaConfig(
        vision_config=CLIPVisionConfig(hidden_size=1024, intermediate_size=4096, num_hidden_layers=24,
                                       num_attention_heads=16, image_size=336, patch_size=14, projection_dim=768),
        text_config=LlamaConfig(vocab_size=32064, hidden_size=4096, intermediate_size=11008, num_hidden_layers=32,
                                num_attention_heads=32, num_key_value_heads=32, max_position_embeddings=4096),
        image_token_index=32000, vision_feature_layer=-2, vision_feature_select_strategy="default",
        projector_hidden_act="gelu")
    config._attn_implementation = attn
    with torch.device("cuda"):
        model = LlavaForConditionalGeneration(config).to(torch.bfloat16)
    model.gradient_checkpointing_enable()
    for p in model.model.vision_tower.parameters():
        p.requires_grad_(False)
    return model


def step_rate(model, batch: int, seq: int, steps: int) -> tuple[float, float]:
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=1e-5)
    n_img = 576
    ids = torch.randint(0, 32000, (batch, seq), device="cuda")
    ids[:, 1:1 + n_img] = 32000
    pixels = torch.randn(batch, 3, 336, 336, device="cuda", dtype=torch.bfloat16)
    torch.cuda.reset_peak_memory_stats()
    for k in range(steps + 1):
        if k == 1:
            torch.cuda.synchronize()
            t0 = time.perf_counter()
        loss = model(input_ids=ids, pixel_values=pixels, labels=ids).loss
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
    torch.cuda.synchronize()
    return batch * seq * steps / (time.perf_counter() - t0), torch.cuda.max_memory_allocated() / 2**30


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seq", type=int, default=1024)
    parser.add_argument("--steps", type=int, default=3)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("this benchmark needs a CUDA GPU")
    runs = [("full, sdpa", "sdpa", False)]
    try:
        import flash_attn  # noqa: F401

        runs.append(("full, flash_attention_2", "flash_attention_2", False))
    except ImportError:
        print("flash-attn not installed: skipping the flash_attention_2 run")
    runs.append(("LoRA r=128, sdpa", "sdpa", True))
    baseline = None
    for label, attn, lora in runs:
        model = build(attn)
        if lora:
            from peft import LoraConfig, get_peft_model

            from safe_llava_hf.training.model import LM_LORA_TARGETS

            model = get_peft_model(model, LoraConfig(r=128, lora_alpha=256, target_modules=LM_LORA_TARGETS,
                                                     modules_to_save=["multi_modal_projector"]))
        rate, peak = step_rate(model, args.batch, args.seq, args.steps)
        baseline = baseline or rate
        print(f"{label}: {rate:,.0f} tokens/s ({rate / baseline:.2f}x baseline), peak {peak:.1f} GiB")
        del model
        torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
