"""safe-llava-hf: keep people's biometric traits out of vision-language models.

One policy and one engine serve the scrubber (training data), the PRISM judge, the guard and the
demo. Start with :class:`BiometricPolicy`, :class:`BiometricEngine` and :class:`Scrubber`; the
packages are named for what they hold: ``core`` (policy, words, rules, rewrite, requests, engine),
``scrub``, ``prism``, ``guard``, ``hub`` and ``training``.
"""

__version__ = "0.1.0"

from .core import (BiometricEngine, BiometricPolicy, Category, Detector, Mention, MentionKind, Neutralizer, PolicyError,
                   QuestionClassifier, SafeLlavaError)
from .scrub import Scrubber, scrub_file

__all__ = ["BiometricEngine", "BiometricPolicy", "Category", "Detector", "Mention", "MentionKind", "Neutralizer",
           "PolicyError", "QuestionClassifier", "SafeLlavaError", "Scrubber", "scrub_file", "__version__"]
