"""Load any Hugging Face image-text-to-text model and answer (image, question) pairs in batches.

One adapter serves the PRISM runner, the guard and the demo::

    vlm = VLM.load("llava-hf/llava-1.5-7b-hf")          # or a local folder
    vlm.answer([image], ["What is in the picture?"])     # -> ["A red bus on a street."]

Greedy decoding by default (as in the PRISM paper), left padding for batches, bf16 on GPU and fp32 on
CPU unless ``dtype`` says otherwise, flash-attention 2 when asked for and installed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ..core.errors import SafeLlavaError


class ModelLoadError(SafeLlavaError, RuntimeError):
    """A model that cannot be loaded or used; the message says why and what to do."""


def pick_dtype(name: str | None):
    import torch

    if name in (None, "auto"):
        return torch.bfloat16 if torch.cuda.is_available() else torch.float32
    try:
        return {"bf16": torch.bfloat16, "bfloat16": torch.bfloat16, "fp16": torch.float16, "float16": torch.float16,
                "fp32": torch.float32, "float32": torch.float32}[name]
    except KeyError:
        raise ModelLoadError(f"unknown dtype {name!r}; use auto, bf16, fp16 or fp32") from None


def pick_attention(name: str | None) -> str:
    """``flash_attention_2`` when asked and importable, else ``sdpa`` (or what was asked)."""
    if name in (None, "auto"):
        try:
            import flash_attn  # noqa: F401
            import torch

            return "flash_attention_2" if torch.cuda.is_available() else "sdpa"
        except ImportError:
            return "sdpa"
    if name == "flash_attention_2":
        try:
            import flash_attn  # noqa: F401
        except ImportError:
            raise ModelLoadError("flash_attention_2 needs the flash-attn package (pip install 'safe-llava-hf[gpu]')") from None
    return name


class VLM:
    """A model + processor pair with a chat template, answering batches of (image, question)."""

    def __init__(self, model, processor, name: str = "model", max_new_tokens: int = 256):
        self.model, self.processor, self.name = model, processor, name
        self.max_new_tokens = max_new_tokens
        tokenizer = getattr(processor, "tokenizer", processor)
        tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        if not getattr(processor, "chat_template", None) and not getattr(tokenizer, "chat_template", None):
            raise ModelLoadError(f"{name}: the processor has no chat template; pass a chat model (for example "
                                 "llava-hf/llava-1.5-7b-hf) or add a chat_template to its processor")

    @classmethod
    def load(cls, name_or_path: str | os.PathLike[str], dtype: str | None = "auto", attn_implementation: str | None = "auto",
             device: str | None = None, max_new_tokens: int = 256) -> "VLM":
        try:
            import torch
            from transformers import AutoModelForImageTextToText, AutoProcessor
        except ImportError as err:
            raise ModelLoadError("running models needs torch and transformers: pip install 'safe-llava-hf[llm]'") from err
        name = str(name_or_path)
        try:
            processor = AutoProcessor.from_pretrained(name)
            model = AutoModelForImageTextToText.from_pretrained(
                name, dtype=pick_dtype(dtype), attn_implementation=pick_attention(attn_implementation))
        except OSError as err:
            offline = os.environ.get("HF_HUB_OFFLINE") == "1"
            hint = (" The Hugging Face Hub is not reachable (HF_HUB_OFFLINE=1): pass a local folder or a model already "
                    "in the cache." if offline else " Check the model id, your network and your token for gated models.")
            raise ModelLoadError(f"cannot load model {name!r}: {err}.{hint}") from err
        except ValueError as err:
            raise ModelLoadError(f"{name!r} is not an image-text-to-text model: {err}") from err
        device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        model.to(device).eval()
        return cls(model, processor, name, max_new_tokens)

    def prompt(self, question: str, image: bool = True) -> str:
        content: list[dict[str, Any]] = [{"type": "image"}] if image else []
        content.append({"type": "text", "text": question})
        return self.processor.apply_chat_template([{"role": "user", "content": content}], add_generation_prompt=True)

    def answer(self, images: Sequence[Any], questions: Sequence[str], max_new_tokens: int | None = None) -> list[str]:
        """Greedy answers for a batch; ``images`` items may be None for text-only questions."""
        import torch

        texts = [self.prompt(q, img is not None) for img, q in zip(images, questions)]
        pics = [img.convert("RGB") for img in images if img is not None]
        enc = self.processor(images=pics or None, text=texts, return_tensors="pt", padding=True)
        enc = enc.to(self.model.device)
        if "pixel_values" in enc and enc["pixel_values"].is_floating_point():
            enc["pixel_values"] = enc["pixel_values"].to(self.model.dtype)
        with torch.inference_mode():
            out = self.model.generate(**enc, max_new_tokens=max_new_tokens or self.max_new_tokens, do_sample=False)
        return [t.strip() for t in self.processor.batch_decode(out[:, enc["input_ids"].shape[1]:], skip_special_tokens=True)]

    def __call__(self, image: Any, question: str) -> str:
        return self.answer([image], [question])[0]
