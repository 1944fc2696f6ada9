"""Scrubbing LLaVA training data: :class:`Scrubber` for records, :func:`scrub_file` for whole files,
and the optional LLM fluency rewriter (:mod:`.llm_rewriter`)."""

from .files import ScrubSummary, changed_pairs, default_audit_path, load_audit_summary, scrub_file
from .scrubber import Scrubber, TurnRewriter

__all__ = ["ScrubSummary", "changed_pairs", "Scrubber", "TurnRewriter", "default_audit_path", "load_audit_summary", "scrub_file"]
