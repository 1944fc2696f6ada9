"""Optional LLM rewriter: smooths the rule-based rewrite with a local transformers chat model (``hf:``) or any
OpenAI-compatible server (``openai:``; vLLM, SGLang, TGI, hosted APIs).

The rule output is always computed first. The model's version is accepted only when the detector
finds nothing in it and it keeps the rule output's content words; otherwise the rule output stays.

    safe-llava scrub in.json -o out.json --rewriter hf:Qwen/Qwen2.5-1.5B-Instruct
    OPENAI_BASE_URL=http://localhost:8000/v1 OPENAI_API_KEY=local safe-llava scrub in.json -o out.json \
        --rewriter openai:Qwen/Qwen2.5-7B-Instruct
"""

from __future__ import annotations

import re
from collections import Counter

from ..core import BiometricEngine, SafeLlavaError
from ..core.words import NEUTRAL_FILLER
from ..openai_client import ChatClient, EndpointError

PROMPT = (
    "Rewrite the text below so that it does not reveal any person's {categories}. Refer to people with "
    "neutral words (person, people, they). Keep every other detail exactly: objects, clothing, actions, "
    "colours of things, counts, positions and any quoted text. Do not add anything. Reply with the "
    "rewritten text only.\n\nText: {text}"
)
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
MIN_RECALL = 0.9
MAX_NOVELTY = 0.25


class RewriterError(SafeLlavaError, RuntimeError):
    """The rewriter model cannot be loaded or used."""


def content_words(text: str) -> Counter[str]:
    return Counter(w for w in _WORD.findall(text.lower()) if w not in NEUTRAL_FILLER)


class CheckedRewriter:
    """What every LLM rewriter shares: the prompt, and the check that keeps the rule output unless the
    model's version leaks nothing, keeps the content and invents nothing. Subclasses implement ``generate``."""

    def __init__(self, engine: BiometricEngine):
        self.engine = engine
        policy = engine.policy
        self.categories = ", ".join(policy.categories[c].refusal_name for c in policy.enabled)
        self.stats: Counter[str] = Counter()

    def prompt(self, text: str) -> str:
        return PROMPT.format(categories=self.categories, text=text)

    def generate(self, text: str) -> str:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def improve(self, original: str, rule_output: str) -> tuple[str, str]:
        """The text to keep and the verdict on the model's version (``accepted`` or why it was rejected)."""
        try:
            candidate = self.generate(original)
        except SafeLlavaError:
            self.stats["failed"] += 1
            return rule_output, "failed"
        verdict = self.check(candidate, rule_output)
        self.stats[verdict] += 1
        return (candidate if verdict == "accepted" else rule_output), verdict

    def check(self, candidate: str, rule_output: str) -> str:
        """``accepted``, or why the candidate was rejected (``empty``, ``leak``, ``lost_content``, ``invented``)."""
        if not candidate.strip():
            return "empty"
        if self.engine.detect(candidate):
            return "leak"
        want, got = content_words(rule_output), content_words(candidate)
        if want and sum((want & got).values()) / sum(want.values()) < MIN_RECALL:
            return "lost_content"
        if got and sum((got - want).values()) / sum(got.values()) > MAX_NOVELTY:
            return "invented"
        return "accepted"


class HFRewriter(CheckedRewriter):
    """Rewrites one text at a time with greedy ``model.generate`` on the model's chat template."""

    def __init__(self, model, tokenizer, engine: BiometricEngine, max_new_tokens: int = 384):
        super().__init__(engine)
        self.model, self.tokenizer = model, tokenizer
        self.max_new_tokens = max_new_tokens

    def generate(self, text: str) -> str:
        import torch

        prompt = self.prompt(text)
        if getattr(self.tokenizer, "chat_template", None):
            ids = self.tokenizer.apply_chat_template([{"role": "user", "content": prompt}], add_generation_prompt=True,
                                                     return_tensors="pt", return_dict=True)
        else:
            ids = self.tokenizer(prompt + "\nRewritten text:", return_tensors="pt")
        ids = {k: v.to(self.model.device) for k, v in ids.items()}
        limit = min(self.max_new_tokens, 2 * ids["input_ids"].shape[1] + 32)
        with torch.no_grad():
            out = self.model.generate(**ids, max_new_tokens=limit, do_sample=False,
                                      pad_token_id=self.tokenizer.pad_token_id or self.tokenizer.eos_token_id)
        return self.tokenizer.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip()


class OpenAIRewriter(CheckedRewriter):
    """Rewrites through an OpenAI-compatible chat endpoint (vLLM, SGLang, TGI, a hosted API): greedy, with
    retries; a failed call keeps the rule output (verdict ``failed``). The key never appears in a message."""

    def __init__(self, model: str, engine: BiometricEngine, base_url: str | None = None, api_key: str | None = None,
                 max_tokens: int = 384, max_retries: int = 3, timeout: float = 60.0):
        super().__init__(engine)
        try:
            self.client = ChatClient.from_env("the openai rewriter", base_url, api_key, max_retries=max_retries,
                                              timeout=timeout)
        except EndpointError as err:
            raise RewriterError(str(err)) from None
        self.model, self.max_tokens = model, max_tokens

    def generate(self, text: str) -> str:
        return self.client.chat({"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                                 "messages": [{"role": "user", "content": self.prompt(text)}]}).strip()


def load_rewriter(spec: str, engine: BiometricEngine) -> CheckedRewriter:
    """``hf:MODEL_ID_OR_PATH`` (a local transformers model: bf16 on GPU, fp32 on CPU) or ``openai:MODEL``."""
    backend, _, name = spec.partition(":")
    if backend == "openai" and name:
        return OpenAIRewriter(name, engine)
    if backend != "hf" or not name:
        raise RewriterError(f"unknown rewriter {spec!r}; use hf:MODEL_ID_OR_PATH or openai:MODEL")
    try:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as err:
        raise RewriterError("the rewriter needs torch and transformers: pip install 'safe-llava-hf[llm]'") from err
    try:
        tokenizer = AutoTokenizer.from_pretrained(name)
        dtype = torch.bfloat16 if torch.cuda.is_available() else torch.float32
        model = AutoModelForCausalLM.from_pretrained(name, dtype=dtype)
    except OSError as err:
        raise RewriterError(f"cannot load rewriter model {name!r}: {err}. With HF_HUB_OFFLINE=1 or no network, "
                            "pass a local folder or a model already in the Hugging Face cache.") from err
    if torch.cuda.is_available():
        model = model.to("cuda")
    model.eval()
    return HFRewriter(model, tokenizer, engine)
