"""safe-llava-hf: keep people's biometric traits out of vision-language models.

One policy and one detector serve the scrubber (training data), the PRISM judge, the guard and the
demo. Start with :class:`BiometricPolicy`, :class:`Detector` and :class:`Scrubber`.
"""

__version__ = "0.1.0"

from .detect import Detector, Mention
from .policy import BiometricPolicy, Category, PolicyError
from .questions import QuestionClassifier
from .rewrite import Neutralizer
from .scrub import Scrubber, scrub_file

__all__ = ["BiometricPolicy", "Category", "Detector", "Mention", "Neutralizer", "PolicyError",
           "QuestionClassifier", "Scrubber", "scrub_file", "__version__"]
