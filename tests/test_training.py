"""The training recipe on the offline tiny Llava: labels, freezing, LoRA, resume, the 7B YAMLs."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

trl = pytest.importorskip("trl")  # part of the dev install
import torch  # noqa: E402

from safe_llava_hf import scrub_file  # noqa: E402
from safe_llava_hf.sample import sample_path, write_sample_images  # noqa: E402
from safe_llava_hf.testing import build_tiny_causal_lm, build_tiny_clip  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("sft_llava", ROOT / "recipes" / "sft_llava.py")
sft_llava = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sft_llava)
sys.path.insert(0, str(ROOT / "dataset_scripts"))
import build_safe_llava  # noqa: E402


@pytest.fixture(scope="module")
def train_data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("data")
    scrub_file(sample_path(), tmp / "safe.json", progress=False)
    images = write_sample_images(tmp / "images")
    build_safe_llava.main(["--instruct", str(tmp / "safe.json"), "--pretrain", str(tmp / "safe.json"),
                           "--image-root", str(images), "--output-dir", str(tmp / "built")])
    return tmp / "built"


def parse(*args):
    parser = trl.TrlParser((trl.ScriptArguments, trl.SFTConfig, trl.ModelConfig, sft_llava.LlavaArguments))
    return parser.parse_args_and_config(args=list(args))


def run(model, data, out, *extra, config="instruct"):
    args = parse("--config", str(ROOT / "recipes" / "tiny" / "finetune.yaml"), "--model_name_or_path", str(model),
                 "--dataset_name", str(data), "--dataset_config", config, "--output_dir", str(out), *extra)
    sft_llava.main(*args)
    return json.loads((Path(out) / "trainer_state.json").read_text())


def test_labels_mask_prompts_and_image_tokens_and_keep_eos(tiny_llava, train_data):
    import datasets
    from transformers import AutoProcessor
    from trl.trainer.sft_trainer import DataCollatorForVisionLanguageModeling

    from safe_llava_hf.testing import LLAVA_CHAT_TEMPLATE

    processor = AutoProcessor.from_pretrained(tiny_llava)
    processor.chat_template = LLAVA_CHAT_TEMPLATE
    rows = datasets.load_dataset(str(train_data), "instruct", split="train").select(range(4))
    collator = DataCollatorForVisionLanguageModeling(processor, assistant_only_loss=True)
    batch = collator([{"messages": r["messages"], "images": r["images"]} for r in rows])
    ids, labels, mask = batch["input_ids"], batch["labels"], batch["attention_mask"]
    image_id = processor.tokenizer.convert_tokens_to_ids("<image>")
    eos = processor.tokenizer.eos_token_id
    assert (ids == image_id).any()
    assert (labels[ids == image_id] == -100).all()  # image tokens never count
    for row in range(ids.shape[0]):
        text = processor.tokenizer.decode(ids[row][mask[row] == 1])
        supervised = processor.tokenizer.decode(ids[row][labels[row] != -100])
        assert "USER:" in text and "USER:" not in supervised and "ASSISTANT:" not in supervised  # prompts never count
        assert eos in ids[row][labels[row] != -100].tolist()  # the EOS is supervised
        first_answer = rows[row]["messages"][1]["content"][0]["text"]
        assert supervised.strip().startswith(first_answer[:20])


def test_training_lowers_loss_and_reloads(tiny_llava, train_data, tmp_path):
    from PIL import Image
    from transformers import AutoModelForImageTextToText

    from safe_llava_hf.guard.vlm import VLM

    state = run(tiny_llava, train_data, tmp_path / "out")
    losses = [h["loss"] for h in state["log_history"] if "loss" in h]
    assert state["global_step"] == 40 and losses[-1] < 0.8 * losses[0]
    assert isinstance(AutoModelForImageTextToText.from_pretrained(tmp_path / "out"), torch.nn.Module)
    answer = VLM.load(tmp_path / "out", max_new_tokens=4)(Image.new("RGB", (40, 40)), "What is in the picture?")
    assert isinstance(answer, str)
    assert (tmp_path / "out" / "README.md").exists() and (tmp_path / "out" / "processor_config.json").exists()


def test_stage1_changes_only_the_projector(tmp_path, train_data):
    from transformers import LlavaForConditionalGeneration

    text, vision = build_tiny_causal_lm(tmp_path / "text"), build_tiny_clip(tmp_path / "clip")
    out = tmp_path / "stage1"
    model, _ = sft_llava.load_model(parse("--model_name_or_path", str(text), "--vision_tower", str(vision),
                                          "--output_dir", str(out), "--use_cpu", "true")[2],
                                    sft_llava.LlavaArguments(vision_tower=str(vision)))
    model.save_pretrained(tmp_path / "start")
    before = {k: v.clone() for k, v in model.state_dict().items()}
    run(text, train_data, out, "--vision_tower", str(vision), "--train_modules", "projector", "--max_steps", "5",
        config="pretrain")
    after = LlavaForConditionalGeneration.from_pretrained(out).state_dict()
    changed = {k for k in before if not torch.equal(before[k], after[k])}
    assert changed and all("multi_modal_projector" in k for k in changed)
    assert any("linear_2" in k for k in changed)  # the 2-layer GELU projector


def test_lora_adapter_saves_loads_and_merges(tiny_llava, train_data, tmp_path):
    from peft import PeftModel
    from transformers import AutoModelForImageTextToText

    out = tmp_path / "lora"
    run(tiny_llava, train_data, out, "--use_peft", "true", "--lora_r", "8", "--lora_alpha", "16", "--max_steps", "6")
    assert (out / "adapter_config.json").exists() and (out / "adapter_model.safetensors").exists()
    cfg = json.loads((out / "adapter_config.json").read_text())
    assert "language_model" in str(cfg["target_modules"]) and cfg["modules_to_save"] == ["multi_modal_projector"]
    base = AutoModelForImageTextToText.from_pretrained(tiny_llava)
    merged = PeftModel.from_pretrained(base, out).merge_and_unload()
    original = AutoModelForImageTextToText.from_pretrained(tiny_llava).state_dict()
    diff = [k for k, v in merged.state_dict().items() if k in original and not torch.equal(v, original[k])]
    assert any("language_model" in k and "q_proj" in k for k in diff)
    assert not any("vision_tower" in k for k in diff)


def test_resume_continues_from_the_saved_step(tiny_llava, train_data, tmp_path):
    out = tmp_path / "resume"
    first = run(tiny_llava, train_data, out, "--max_steps", "10", "--save_steps", "10")
    assert first["global_step"] == 10 and (out / "checkpoint-10").is_dir()
    second = run(tiny_llava, train_data, out, "--max_steps", "20", "--save_steps", "10")
    assert second["global_step"] == 20
    steps = [h["step"] for h in second["log_history"] if "loss" in h]
    assert steps[0] <= 10 and steps[-1] == 20 and len(steps) == len(set(steps))


@pytest.mark.parametrize("name, global_batch", [("pretrain", 256), ("finetune", 128), ("finetune_lora", 128)])
def test_7b_recipes_parse_with_documented_global_batch(name, global_batch):
    script, training, model, llava = parse("--config", str(ROOT / "recipes" / "safe-llava-1.5-7b" / f"{name}.yaml"),
                                           "--use_cpu", "true", "--bf16", "false")
    assert 8 * training.per_device_train_batch_size * training.gradient_accumulation_steps == global_batch
    assert script.dataset_config == ("pretrain" if name == "pretrain" else "instruct")
    if name == "pretrain":
        assert llava.vision_tower == "openai/clip-vit-large-patch14-336" and llava.train_modules == "projector"
        assert training.learning_rate == 1e-3 and training.warmup_steps == 0.03 and training.lr_scheduler_type == "cosine"
        assert model.model_name_or_path == "lmsys/vicuna-7b-v1.5"
    elif name == "finetune":
        assert training.learning_rate == 2e-5 and llava.train_modules == "all" and not model.use_peft
    else:
        assert (model.lora_r, model.lora_alpha, training.learning_rate) == (128, 256, 2e-4) and model.use_peft
    assert training.num_train_epochs == 1


def test_a_resumed_run_ends_with_the_weights_of_an_uninterrupted_one(tiny_llava, train_data, tmp_path):
    """The checkpoint's weights (saved under the legacy Llava key names) are restored, with optimizer, scheduler
    and RNG state: ten steps, a stop, ten more give the weights and losses of twenty steps in one go."""
    from safetensors.torch import load_file
    from transformers import LlavaForConditionalGeneration

    full, part = tmp_path / "full", tmp_path / "part"
    whole = run(tiny_llava, train_data, full, "--max_steps", "20", "--save_steps", "100", "--seed", "7")
    run(tiny_llava, train_data, part, "--max_steps", "10", "--save_steps", "10", "--seed", "7")
    resumed = run(tiny_llava, train_data, part, "--max_steps", "20", "--save_steps", "10", "--seed", "7")
    a, b = load_file(str(full / "model.safetensors")), load_file(str(part / "model.safetensors"))
    assert a.keys() == b.keys() and max((a[k] - b[k]).abs().max().item() for k in a) < 1e-5
    losses = {h["step"]: h["loss"] for h in whole["log_history"] if "loss" in h}
    after = [h for h in resumed["log_history"] if "loss" in h and h["step"] > 10]
    assert after and abs(after[0]["loss"] - losses[after[0]["step"]]) < 1e-4
    # the recipe's checkpoints load with from_pretrained in the current transformers
    LlavaForConditionalGeneration.from_pretrained(part / "checkpoint-10")
