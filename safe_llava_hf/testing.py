"""Tiny offline models for tests, examples and smoke runs (no Hub access needed).

The tokenizer is trained locally with ``tokenizers`` on a small built-in corpus; the model is built
from a config with random weights, saved with ``save_pretrained`` and loads back with
``from_pretrained`` like any checkpoint. Its outputs are noise: the point is the plumbing.
"""

from __future__ import annotations

import os
from pathlib import Path

from .training.chat_templates import CHAT_TEMPLATE, LLAVA_CHAT_TEMPLATE

_CORPUS = """A person is riding a bicycle past a row of parked cars.
The image shows a busy street with people walking and a dog sitting on the sidewalk.
A young woman and an old man are sitting on a bench in the park, reading a newspaper.
Rewrite the text so that it does not reveal gender, race, age, eye colour or body weight.
They are holding a red umbrella while the children play near the fountain.
I'm sorry, but I can't determine a person's age from an image.
USER: ASSISTANT: What is in the picture? Describe it in detail, please.
"""


def train_tokenizer(vocab_size: int = 512, extra_tokens: tuple[str, ...] = ()):
    """A byte-level BPE tokenizer trained on a small built-in corpus, as a ``PreTrainedTokenizerFast``."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    special = ["<unk>", "<s>", "</s>", "<pad>", *extra_tokens]
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator([_CORPUS] * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", bos_token="<s>", eos_token="</s>",
                                   pad_token="<pad>", extra_special_tokens={} if not extra_tokens else None)
    fast.chat_template = CHAT_TEMPLATE
    return fast


def build_tiny_llava(out_dir: str | os.PathLike[str], seed: int = 0, image_size: int = 32) -> Path:
    """Write a tiny random LlavaForConditionalGeneration with its processor (tokenizer trained locally,
    PIL image processor, LLaVA-1.5 chat template) to ``out_dir``; loads with ``from_pretrained``."""
    import torch
    from transformers import (CLIPVisionConfig, LlamaConfig, LlavaConfig, LlavaForConditionalGeneration,
                              LlavaProcessor)
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    out = Path(out_dir)
    tokenizer = train_tokenizer(extra_tokens=("<image>",))
    tokenizer.chat_template = LLAVA_CHAT_TEMPLATE
    patch = 8
    image_processor = CLIPImageProcessorPil(size={"shortest_edge": image_size},
                                            crop_size={"height": image_size, "width": image_size})
    processor = LlavaProcessor(image_processor=image_processor, tokenizer=tokenizer, patch_size=patch,
                               vision_feature_select_strategy="default", chat_template=LLAVA_CHAT_TEMPLATE,
                               num_additional_image_tokens=1)
    torch.manual_seed(seed)
    config = LlavaConfig(
        vision_config=CLIPVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
                                       image_size=image_size, patch_size=patch, projection_dim=32),
        text_config=LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=1024,
                                bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                                pad_token_id=tokenizer.pad_token_id),
        image_token_index=tokenizer.convert_tokens_to_ids("<image>"), projector_hidden_act="gelu",
        vision_feature_layer=-2, vision_feature_select_strategy="default")
    model = LlavaForConditionalGeneration(config)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.save_pretrained(out)
    processor.save_pretrained(out)
    return out


def build_tiny_clip(out_dir: str | os.PathLike[str], seed: int = 0, image_size: int = 32) -> Path:
    """Write a tiny random CLIP vision tower with a PIL image processor (a stand-in for
    openai/clip-vit-large-patch14-336 in stage-1 tests)."""
    import torch
    from transformers import CLIPVisionConfig, CLIPVisionModel
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    out = Path(out_dir)
    torch.manual_seed(seed)
    model = CLIPVisionModel(CLIPVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                             num_attention_heads=2, image_size=image_size, patch_size=8))
    model.save_pretrained(out)
    CLIPImageProcessorPil(size={"shortest_edge": image_size},
                          crop_size={"height": image_size, "width": image_size}).save_pretrained(out)
    return out


def build_tiny_causal_lm(out_dir: str | os.PathLike[str], seed: int = 0) -> Path:
    """Write a tiny random Llama chat model with a locally trained tokenizer to ``out_dir``."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    out = Path(out_dir)
    tokenizer = train_tokenizer()
    torch.manual_seed(seed)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=512,
                         bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id)
    model = LlamaForCausalLM(config)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
