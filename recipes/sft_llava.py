"""Train Safe-LLaVA with TRL's SFTTrainer: LLaVA-1.5's two stages on the scrubbed data.

usage:
    # stage 1: projector only, on the scrubbed 558K captions
    accelerate launch --config_file recipes/accelerate_configs/zero2.yaml recipes/sft_llava.py \
        --config recipes/safe-llava-1.5-7b/pretrain.yaml
    # stage 2: language model + projector, on the scrubbed 665K conversations (or finetune_lora.yaml)
    accelerate launch --config_file recipes/accelerate_configs/zero3.yaml recipes/sft_llava.py \
        --config recipes/safe-llava-1.5-7b/finetune.yaml
    # smoke test on CPU with the offline tiny model (`safe-llava tiny-model`)
    accelerate launch --cpu --num_processes 1 recipes/sft_llava.py --config recipes/tiny/finetune.yaml \
        --model_name_or_path TINY --dataset_name BUILT_FOLDER --dataset_config instruct --output_dir OUT

Every YAML key is a command-line flag too (command line wins). Datasets are the Hub datasets built by
`dataset_scripts/build_safe_llava.py` (a repo id or a local folder) with `messages` and `images`.
The loss counts the assistant's words and EOS only (`assistant_only_loss`, the LLaVA-1.5 training chat
template's {% generation %} markers): prompts and image tokens never count.
"""

from __future__ import annotations

import logging
import sys

import datasets
import transformers
from trl import ModelConfig, ScriptArguments, SFTConfig, SFTTrainer, TrlParser

from safe_llava_hf.training.model import (LlavaArguments, build_llava, last_checkpoint, load_checkpoint_weights, load_llava,
                                         lora_config, set_trainable)

logger = logging.getLogger("sft_llava")


class SafeLlavaTrainer(SFTTrainer):
    """TRL's SFTTrainer whose resume loads the checkpoint's weights under the current transformers' key names
    (the Trainer's own loading finds none of a Llava checkpoint's legacy keys and keeps the untrained weights)."""

    def _load_from_checkpoint(self, resume_from_checkpoint, model=None):
        if not load_checkpoint_weights(model if model is not None else self.model, resume_from_checkpoint):
            super()._load_from_checkpoint(resume_from_checkpoint, model)


def load_model(model_args: ModelConfig, llava_args: LlavaArguments):
    """Stage 1 builds a Llava from a text model and a vision tower; stage 2 loads a Llava checkpoint."""
    if llava_args.vision_tower:
        logger.info("building a Llava from %s and %s with a fresh projector", model_args.model_name_or_path,
                    llava_args.vision_tower)
        return build_llava(model_args.model_name_or_path, llava_args.vision_tower, model_args.dtype,
                           model_args.attn_implementation)
    return load_llava(model_args.model_name_or_path, model_args.dtype, model_args.attn_implementation,
                      llava_args.chat_template)


def load_train_dataset(script_args: ScriptArguments):
    ds = datasets.load_dataset(script_args.dataset_name, script_args.dataset_config,
                               split=script_args.dataset_train_split, streaming=script_args.dataset_streaming)
    columns = ds.column_names or list(ds.features or {})  # a streamed dataset may not know its columns yet
    missing = [c for c in ("messages", "images") if c not in columns]
    if columns and missing:
        raise SystemExit(f"{script_args.dataset_name}: missing columns {missing}; build it with "
                         "dataset_scripts/build_safe_llava.py --image-root")
    return ds.select_columns(["messages", "images"]) if columns else ds


def main(script_args: ScriptArguments, training_args: SFTConfig, model_args: ModelConfig, llava_args: LlavaArguments):
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO, stream=sys.stdout)
    transformers.utils.logging.set_verbosity_warning()
    training_args.assistant_only_loss = True
    training_args.remove_unused_columns = False
    training_args.dataset_kwargs = {**(training_args.dataset_kwargs or {}), "skip_prepare_dataset": True}

    model, processor = load_model(model_args, llava_args)
    peft_config = None
    if model_args.use_peft:
        peft_config = lora_config(model_args, llava_args.train_modules)
        for p in model.parameters():
            p.requires_grad_(False)
    else:
        counts = set_trainable(model, llava_args.train_modules, llava_args.train_vision_tower)
        logger.info("trainable parameters: %s", {k: f"{v:,}" for k, v in counts.items()})

    trainer = SafeLlavaTrainer(model=model, args=training_args, train_dataset=load_train_dataset(script_args),
                         processing_class=processor, peft_config=peft_config)
    if peft_config is not None:
        trainer.model.print_trainable_parameters()

    checkpoint = training_args.resume_from_checkpoint or last_checkpoint(training_args.output_dir)
    if checkpoint:
        logger.info("resuming from %s", checkpoint)
    result = trainer.train(resume_from_checkpoint=checkpoint)
    trainer.log_metrics("train", result.metrics)
    trainer.save_metrics("train", result.metrics)
    trainer.save_state()

    trainer.save_model(training_args.output_dir)
    if trainer.accelerator.is_main_process:
        processor.save_pretrained(training_args.output_dir)
        trainer.create_model_card(dataset_name=script_args.dataset_name,
                                  tags=["safe-llava", "llava", "privacy", "biometrics", "trl", "sft"])
        model.config.use_cache = True
        model.config.save_pretrained(training_args.output_dir)
    if training_args.push_to_hub:
        trainer.push_to_hub(dataset_name=script_args.dataset_name, tags=["safe-llava", "privacy"])
        processor.push_to_hub(training_args.hub_model_id or training_args.output_dir)
    logger.info("saved to %s", training_args.output_dir)


if __name__ == "__main__":
    parser = TrlParser((ScriptArguments, SFTConfig, ModelConfig, LlavaArguments))
    main(*parser.parse_args_and_config())
