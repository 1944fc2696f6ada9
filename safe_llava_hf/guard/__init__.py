"""The biometric guard (:mod:`.guard`) and the model adapter it wraps (:mod:`.vlm`)."""

from .guard import MODES, REDACTION, BiometricGuard, GuardResult, Span, Verdict, redact
from .vlm import VLM, ModelLoadError

__all__ = ["MODES", "REDACTION", "VLM", "BiometricGuard", "GuardResult", "ModelLoadError", "Span", "Verdict", "redact"]
