"""The OpenAI-compatible client keeps the key to the endpoint's own origin and out of every message."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from safe_llava_hf.openai_client import ChatClient, EndpointError, check_base_url, mask_url

KEY = "sk-test-secret-0123456789"


def serve(respond):
    """A local server whose POST handler is ``respond(handler)``; returns the server."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            respond(self)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_no_key_to_another_origin():
    seen = []

    def answer(handler):
        seen.append(handler.headers.get("Authorization"))
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(json.dumps({"choices": [{"message": {"content": "hi"}}]}).encode())

    other = serve(answer)

    def redirect(handler):
        handler.send_response(307)
        handler.send_header("Location", f"http://127.0.0.1:{other.server_port}/v1/chat/completions")
        handler.end_headers()

    first = serve(redirect)
    try:
        assert_fails_without_key(f"http://127.0.0.1:{first.server_port}/v1", "another origin")
        assert seen == []
    finally:
        first.shutdown()
        other.shutdown()


def assert_fails_without_key(base_url, message):
    client = ChatClient(base_url, KEY, max_retries=0)
    with pytest.raises(EndpointError, match=message) as err:
        client.chat({"model": "m", "messages": []})
    assert KEY not in str(err.value) and KEY not in repr(client)


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
    def refuse(handler):
        handler.send_response(401)
        handler.end_headers()

    server = serve(refuse)
    try:
        assert_fails_without_key(f"http://127.0.0.1:{server.server_port}", "HTTP 401")
    finally:
        server.shutdown()
