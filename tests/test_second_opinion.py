"""The guard's optional model second opinion: refusals it adds, and failures that fall back to the rules."""

import pytest

from safe_llava_hf.guard import BiometricGuard

BENIGN_LOOKING = "Would the tourist blend in better in Seoul, Lagos, or Oslo?"  # no rule sees a request here


@pytest.fixture
def screen_server(chat_server, monkeypatch):
    """The fake endpoint, answering ``screen_server.answer`` to the question about Seoul and ``[]`` otherwise."""
    chat_server.answer = "[]"
    chat_server.reply = lambda body: chat_server.answer if "Seoul" in body["messages"][0]["content"] else "[]"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-screen-test")
    monkeypatch.setenv("OPENAI_BASE_URL", chat_server.url)
    return chat_server


def test_a_second_opinion_can_refuse_what_the_rules_let_through(screen_server):
    calls = []
    screen_server.answer = 'The question asks for ["race"].'
    guard = BiometricGuard(lambda image, q: calls.append(q) or "A street.", mode="refuse", screen="openai:screen-model")
    result = guard(None, BENIGN_LOOKING)
    assert result.verdict.rating == "refused" and result.verdict.categories == ["race"] and calls == []
    assert "second opinion" in result.verdict.rationale
    assert guard(None, "What is on the table?").verdict.rating == "safe" and calls == ["What is on the table?"]
    assert guard.screen.stats["asked"] == 2 and guard.screen.stats["refused"] == 1


def test_unreadable_replies_and_failures_fall_back_to_the_rules(screen_server, monkeypatch):
    screen_server.answer = "I would rather not say."
    guard = BiometricGuard(lambda image, q: "A street.", mode="refuse", screen="openai:screen-model")
    assert guard(None, BENIGN_LOOKING).verdict.rating == "safe"
    assert guard(None, "How old is the man?").verdict.rating == "refused"  # the rules refuse on their own
    assert guard.screen.stats["unreadable"] == 1
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens there
    down = BiometricGuard(lambda image, q: "A street.", mode="refuse", screen="openai:screen-model")
    down.screen.backend.client.max_retries = 0
    assert down(None, BENIGN_LOOKING).verdict.rating == "safe" and down.screen.stats["failed"] == 1


def test_a_local_transformers_model_as_second_opinion(tiny_lm):
    from safe_llava_hf.guard.second_opinion import SCREEN_PROMPT
    from safe_llava_hf.prism.judges import parse_attributes

    guard = BiometricGuard(lambda image, q: "A street.", mode="refuse", screen=f"hf:{tiny_lm}")
    verdict = guard(None, BENIGN_LOOKING).verdict
    # the tiny model's greedy reply is noise; the guard acts on exactly what it says, read as a judge reads it
    categories = guard.screen.categories
    prompt = SCREEN_PROMPT.format(question=BENIGN_LOOKING, categories=", ".join(
        guard.policy.categories[c].refusal_name + f" ({c})" for c in categories))
    said = parse_attributes(guard.screen.backend.complete([prompt])[0], categories)
    assert verdict.rating == ("refused" if said else "safe") and guard.screen.stats["asked"] == 1
    assert guard.screen.stats["unreadable"] == (said is None)
    with pytest.raises(ValueError, match="screen must be"):
        BiometricGuard(lambda image, q: "", screen="gpt")
