"""Neutral rewriting as plan -> realise -> repair (see :mod:`.neutralizer`)."""

from .neutralizer import Neutralizer, Rewrite, neutral_plurals

__all__ = ["Neutralizer", "Rewrite", "neutral_plurals"]
