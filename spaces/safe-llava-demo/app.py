"""Safe-LLaVA demo Space: a base model's answer next to the protected answer, leaks highlighted.

Set the models in the Space settings (variables): SAFE_LLAVA_BASE_MODEL (default
llava-hf/llava-1.5-7b-hf), SAFE_LLAVA_PROTECTED_MODEL (a Safe-LLaVA checkpoint; unset: the base model
behind the biometric guard), SAFE_LLAVA_GUARD_MODE (rewrite, redact or refuse).
Locally: `safe-llava demo` (offline it uses the tiny model) or `python app.py`.
"""

from safe_llava_hf.demo import build_ui, demo_from_env, launch

ui = build_ui(demo_from_env())

if __name__ == "__main__":
    launch(ui, host="0.0.0.0")
