import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402

from safe_llava_hf import BiometricEngine, BiometricPolicy, Detector, Neutralizer, QuestionClassifier, Scrubber  # noqa: E402


@pytest.fixture(scope="session")
def policy():
    return BiometricPolicy.default()


@pytest.fixture(scope="session")
def engine(policy):
    return BiometricEngine(policy)


@pytest.fixture(scope="session")
def detector(policy):
    return Detector(policy)


@pytest.fixture(scope="session")
def neutralize(detector):
    n = Neutralizer(detector)
    return lambda text: n.rewrite(text).text


@pytest.fixture(scope="session")
def classifier(detector):
    return QuestionClassifier(detector)


@pytest.fixture(scope="session")
def scrubber(policy):
    return Scrubber(BiometricEngine(policy))


@pytest.fixture(scope="session")
def tiny_lm(tmp_path_factory):
    from safe_llava_hf.testing import build_tiny_causal_lm

    return build_tiny_causal_lm(tmp_path_factory.mktemp("tiny_lm"))


@pytest.fixture(scope="session")
def tiny_llava(tmp_path_factory):
    from safe_llava_hf.testing import build_tiny_llava

    return build_tiny_llava(tmp_path_factory.mktemp("tiny_llava"))


@pytest.fixture(scope="session")
def prism_folder(tmp_path_factory):
    from safe_llava_hf.sample import write_prism_sample

    return write_prism_sample(tmp_path_factory.mktemp("prism") / "PRISM", "v2")
