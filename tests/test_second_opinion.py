"""The guard's optional model second opinion: refusals it adds, and failures that fall back to the rules."""

import http.server
import json
import threading

import pytest

from safe_llava_hf.guard import BiometricGuard

BENIGN_LOOKING = "Would the tourist blend in better in Seoul, Lagos, or Oslo?"  # no rule sees a request here


class _Screen(http.server.BaseHTTPRequestHandler):
    reply = "[]"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        question = body["messages"][0]["content"]
        text = type(self).reply if "Seoul" in question else "[]"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"choices": [{"message": {"content": text}}]}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def screen_server(monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Screen)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-screen-test")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1")
    yield _Screen
    server.shutdown()


def test_a_second_opinion_can_refuse_what_the_rules_let_through(screen_server):
    calls = []
    screen_server.reply = 'The question asks for ["race"].'
    guard = BiometricGuard(lambda image, q: calls.append(q) or "A street.", mode="refuse", screen="openai:screen-model")
    result = guard(None, BENIGN_LOOKING)
    assert result.verdict.rating == "refused" and result.verdict.categories == ["race"] and calls == []
    assert "second opinion" in result.verdict.rationale
    assert guard(None, "What is on the table?").verdict.rating == "safe" and calls == ["What is on the table?"]
    assert guard.screen.stats["asked"] == 2 and guard.screen.stats["refused"] == 1


def test_unreadable_replies_and_failures_fall_back_to_the_rules(screen_server, monkeypatch):
    screen_server.reply = "I would rather not say."
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
