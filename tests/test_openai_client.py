"""The OpenAI-compatible client keeps the key to the endpoint's own origin and out of every message."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from safe_llava_hf.openai_client import ChatClient, EndpointError, check_base_url, mask_url

KEY = "sk-test-secret-0123456789"


def serve(handler_cls):
    server = HTTPServer(("127.0.0.1", 0), handler_cls)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_no_key_to_another_origin():
    seen = []

    class Other(BaseHTTPRequestHandler):
        def do_POST(self):
            seen.append(self.headers.get("Authorization"))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(json.dumps({"choices": [{"message": {"content": "hi"}}]}).encode())

        def log_message(self, *args):
            pass

    other = serve(Other)

    class Redirecting(BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{other.server_port}/v1/chat/completions")
            self.end_headers()

        def log_message(self, *args):
            pass

    first = serve(Redirecting)
    try:
        client = ChatClient(f"http://127.0.0.1:{first.server_port}/v1", KEY, max_retries=0)
        with pytest.raises(EndpointError, match="another origin") as err:
            client.chat({"model": "m", "messages": []})
        assert KEY not in str(err.value) and seen == []
    finally:
        first.shutdown()
        other.shutdown()


@pytest.mark.parametrize("url, message", [
    (f"https://user:{KEY}@example.invalid/v1", "not in the URL"),
    ("ftp://example.invalid/v1", "http:// or https://"),
    ("file:///etc/passwd", "http:// or https://"),
])
def test_base_urls_are_checked_and_masked(url, message):
    with pytest.raises(EndpointError, match=message) as err:
        check_base_url(url)
    assert KEY not in str(err.value)
    assert KEY not in mask_url(url)


def test_failures_name_the_endpoint_without_the_key():
    class Failing(BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(401)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = serve(Failing)
    try:
        client = ChatClient(f"http://127.0.0.1:{server.server_port}", KEY, max_retries=0)
        with pytest.raises(EndpointError, match="HTTP 401") as err:
            client.chat({"model": "m", "messages": []})
        assert KEY not in str(err.value) and KEY not in repr(client)
    finally:
        server.shutdown()
