import json
import os
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


class FakeChatServer:
    """A local OpenAI-compatible ``/chat/completions`` endpoint on 127.0.0.1. ``reply(body)`` gives the answer
    text, or an int for a bare HTTP status; ``calls`` records ``(Authorization header, request body)``."""

    def __init__(self):
        self.calls: list[tuple[str | None, dict]] = []
        self.reply: Callable[[dict], str | int] = lambda body: ""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.calls.append((self.headers.get("Authorization"), body))
                answer = fake.reply(body)
                if isinstance(answer, int):
                    self.send_response(answer)
                    self.end_headers()
                    return
                data = json.dumps({"choices": [{"message": {"content": answer}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def fail_first(self, n: int, then: Callable[[dict], str | int]) -> None:
        """Answer HTTP 503 to the next ``n`` calls, then ``then(body)``."""
        left = [n]

        def reply(body: dict) -> str | int:
            if left[0] > 0:
                left[0] -= 1
                return 503
            return then(body)

        self.reply = reply


@pytest.fixture()
def chat_server():
    server = FakeChatServer()
    yield server
    server.httpd.shutdown()
