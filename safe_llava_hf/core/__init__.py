"""The biometric core that scrub, judge, guard and demo share.

- :mod:`.policy`: the immutable :class:`BiometricPolicy` and its :class:`Category` identities;
- :mod:`.words`: every English word list;
- :mod:`.tokens`: :class:`Token`, :class:`Mention` (whole-text offsets), :class:`MentionKind`, :class:`Finding`;
- :mod:`.analysis`: the :class:`SentenceAnalysis` rules share; :mod:`.index`: the policy indexed for them;
- :mod:`.rules`: the detection rules, one family per file;
- :mod:`.detector`: the :class:`Detector` that runs them;
- :mod:`.rewrite`: neutral rewriting as plan -> realise -> repair;
- :mod:`.requests`: recognising requests for a biometric attribute;
- :mod:`.engine`: :class:`BiometricEngine`, all of the above built once per policy;
- :mod:`.errors`: :class:`SafeLlavaError`, the base of every user-facing error.
"""

from .detector import Detector
from .engine import BiometricEngine, engine_for
from .errors import InputError, PolicyError, SafeLlavaError
from .policy import BiometricPolicy, Category
from .requests import QuestionClassifier, QuestionVerdict
from .rewrite import Neutralizer, Rewrite
from .tokens import Finding, Mention, MentionKind, Token, tokenize

__all__ = ["BiometricEngine", "BiometricPolicy", "Category", "Detector", "Finding", "InputError", "Mention",
           "MentionKind", "Neutralizer", "PolicyError", "QuestionClassifier", "QuestionVerdict", "Rewrite",
           "SafeLlavaError", "Token", "engine_for", "tokenize"]
