"""Model assembly and freezing for the Safe-LLaVA training recipe (`recipes/sft_llava.py`).

- :func:`build_llava`: a new ``LlavaForConditionalGeneration`` from a causal text model and a CLIP
  vision tower, with a fresh 2-layer GELU projector (LLaVA-1.5 stage 1).
- :func:`load_llava`: an existing Llava checkpoint (stage 2).
- :func:`set_trainable`: train the projector, the language model or all (the vision tower stays frozen
  unless asked), and report what trains.
Both attach the LLaVA-1.5 training chat template, whose ``{% generation %}`` markers let TRL compute
the loss on the assistant's words and EOS only: prompts and image tokens never count.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..guard.vlm import pick_attention, pick_dtype
from .chat_templates import LLAVA_CHAT_TEMPLATE

TRAIN_MODULES = ("projector", "language_model", "all")
LM_LORA_TARGETS = r".*language_model.*\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)"


@dataclass
class LlavaArguments:
    """Our own recipe arguments (next to TRL's ScriptArguments, SFTConfig and ModelConfig)."""

    vision_tower: str | None = field(default=None, metadata={
        "help": "Stage 1: a CLIP vision model to join with --model_name_or_path (a causal text model) through a "
                "fresh 2-layer GELU projector. Unset: --model_name_or_path is a Llava checkpoint (stage 2)."})
    train_modules: str = field(default="all", metadata={
        "help": "What trains: projector, language_model or all (projector + language model)."})
    train_vision_tower: bool = field(default=False, metadata={"help": "Also train the vision tower (frozen by default)."})
    chat_template: str = field(default="llava", metadata={
        "help": "'llava': the LLaVA-1.5 training template with generation markers; 'model': keep the processor's."})


def build_llava(text_model: str, vision_tower: str, dtype: str | None = "auto", attn_implementation: str | None = "auto"):
    """Join a causal text model and a CLIP vision tower into a new Llava with a fresh projector."""
    import torch
    from transformers import (AutoImageProcessor, AutoModelForCausalLM, AutoTokenizer, CLIPVisionModel, LlavaConfig,
                              LlavaForConditionalGeneration, LlavaProcessor)

    torch_dtype = pick_dtype(dtype)
    attn = pick_attention(attn_implementation)
    tokenizer = AutoTokenizer.from_pretrained(text_model)
    if "<image>" not in tokenizer.get_vocab():
        tokenizer.add_special_tokens({"additional_special_tokens": ["<image>"]})
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.unk_token or tokenizer.eos_token
    text = AutoModelForCausalLM.from_pretrained(text_model, dtype=torch_dtype, attn_implementation=attn)
    vision = CLIPVisionModel.from_pretrained(vision_tower, dtype=torch_dtype, attn_implementation=attn)
    config = LlavaConfig(vision_config=vision.config, text_config=text.config,
                         image_token_index=tokenizer.convert_tokens_to_ids("<image>"), projector_hidden_act="gelu",
                         vision_feature_layer=-2, vision_feature_select_strategy="default")
    config.text_config.vocab_size = len(tokenizer)
    model = LlavaForConditionalGeneration(config).to(torch_dtype)
    old = text.get_input_embeddings().weight.shape[0]
    text.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    with torch.no_grad():  # new tokens (<image>, pad) start at the mean embedding: deterministic builds
        for emb in (text.get_input_embeddings().weight, text.get_output_embeddings().weight):
            emb[old:] = emb[:old].mean(dim=0, keepdim=True)
    model.model.language_model.load_state_dict(text.model.state_dict())
    model.lm_head.load_state_dict(text.lm_head.state_dict())
    model.model.vision_tower.load_state_dict(vision.state_dict())
    model.config._attn_implementation = attn
    processor = LlavaProcessor(image_processor=AutoImageProcessor.from_pretrained(vision_tower), tokenizer=tokenizer,
                               patch_size=vision.config.patch_size, vision_feature_select_strategy="default",
                               num_additional_image_tokens=1, chat_template=LLAVA_CHAT_TEMPLATE)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    return model, processor


def load_llava(name_or_path: str, dtype: str | None = "auto", attn_implementation: str | None = "auto",
               chat_template: str = "llava"):
    """An existing Llava checkpoint and its processor, with the training chat template by default."""
    from transformers import AutoProcessor, LlavaForConditionalGeneration

    model = LlavaForConditionalGeneration.from_pretrained(name_or_path, dtype=pick_dtype(dtype),
                                                          attn_implementation=pick_attention(attn_implementation))
    processor = AutoProcessor.from_pretrained(name_or_path)
    if chat_template == "llava":
        processor.chat_template = LLAVA_CHAT_TEMPLATE
    elif not processor.chat_template or "{% generation %}" not in processor.chat_template:
        raise ValueError(f"{name_or_path}: its chat template has no {{% generation %}} markers, so assistant-only loss "
                         "cannot tell answers from prompts; use --chat_template llava")
    return model, processor


def set_trainable(model, train_modules: str = "all", train_vision_tower: bool = False) -> dict[str, int]:
    """Freeze everything except what ``train_modules`` names; returns trainable parameters per part."""
    if train_modules not in TRAIN_MODULES:
        raise ValueError(f"train_modules must be one of {TRAIN_MODULES}, got {train_modules!r}")
    parts = {"vision_tower": model.model.vision_tower, "projector": model.model.multi_modal_projector,
             "language_model": model.model.language_model, "lm_head": model.lm_head}
    wanted = {"projector"} if train_modules == "projector" else {"language_model", "lm_head"}
    if train_modules == "all":
        wanted |= {"projector"}
    if train_vision_tower:
        wanted.add("vision_tower")
    for name, module in parts.items():
        for p in module.parameters():
            p.requires_grad_(name in wanted)
    counts = {name: sum(p.numel() for p in module.parameters() if p.requires_grad) for name, module in parts.items()}
    if not any(counts.values()):
        raise RuntimeError("nothing to train")
    return counts


def lora_config(model_args, train_modules: str):
    """LoRA on the language model's linear layers only (the CLIP tower has q_proj too); the projector is
    trained in full and saved with the adapter unless only the language model trains."""
    from peft import LoraConfig

    targets = model_args.lora_target_modules or LM_LORA_TARGETS
    return LoraConfig(r=model_args.lora_r, lora_alpha=model_args.lora_alpha, lora_dropout=model_args.lora_dropout,
                      target_modules=targets if isinstance(targets, str) else list(targets), task_type="CAUSAL_LM",
                      modules_to_save=None if train_modules == "language_model" else ["multi_modal_projector"])


def last_checkpoint(output_dir: str | os.PathLike[str]) -> str | None:
    from transformers.trainer_utils import get_last_checkpoint

    return get_last_checkpoint(str(output_dir)) if os.path.isdir(output_dir) else None


# Llava checkpoints are saved with the legacy key names (``language_model.model.*``); the model of the
# current transformers names them ``model.language_model.*``. These rules map the first to the second.
LEGACY_LLAVA_KEYS = (("language_model.model.", "model.language_model."), ("language_model.lm_head.", "lm_head."),
                     ("vision_tower.", "model.vision_tower."), ("multi_modal_projector.", "model.multi_modal_projector."))


def load_checkpoint_weights(model, checkpoint: str | os.PathLike[str]) -> bool:
    """Load a full-model checkpoint's weights into ``model``, converting legacy key names; False when the
    checkpoint holds no full model (an adapter, an FSDP shard), for the Trainer's own loading to handle."""
    import json

    from safetensors.torch import load_file

    folder = Path(checkpoint)
    if hasattr(model, "peft_config"):
        return False
    if (folder / "model.safetensors").is_file():
        files = [folder / "model.safetensors"]
    elif (folder / "model.safetensors.index.json").is_file():
        index = json.loads((folder / "model.safetensors.index.json").read_text())
        files = [folder / name for name in sorted(set(index["weight_map"].values()))]
    else:
        return False
    wanted = set(model.state_dict())
    state = {}
    for file in files:
        for key, value in load_file(str(file)).items():
            state[_current_key(key, wanted)] = value
    missing, unexpected = model.load_state_dict(state, strict=False)
    tied = {"lm_head.weight"} if getattr(model.config, "tie_word_embeddings", False) else set()
    if set(missing) - tied or unexpected:
        raise RuntimeError(f"{checkpoint}: the checkpoint does not match the model (missing {sorted(missing)[:3]}, "
                           f"unexpected {sorted(unexpected)[:3]})")
    return True


def _current_key(key: str, wanted: set[str]) -> str:
    if key in wanted:
        return key
    for old, new in LEGACY_LLAVA_KEYS:
        if key.startswith(old) and new + key[len(old):] in wanted:
            return new + key[len(old):]
    return key
