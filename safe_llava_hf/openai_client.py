"""A small client for OpenAI-compatible chat endpoints (OpenAI, vLLM, SGLang, TGI) that keeps the key safe.

- Only ``http``/``https`` base URLs; credentials in the URL itself (``https://user:key@host``) are refused.
- The key is sent in ``Authorization`` to the base URL's origin only: a redirect to another origin is refused.
- Every message shows the URL with credentials masked; the key never appears in one.
- Retries with exponential backoff on 429 and 5xx replies and on connection errors.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .core.errors import SafeLlavaError


DEFAULT_BASE_URL = "https://api.openai.com/v1"


class EndpointError(SafeLlavaError, RuntimeError):
    """An endpoint that cannot be used; the message names it with credentials masked."""


def mask_url(url: str) -> str:
    """``url`` with any user name and password replaced by ``***``."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = "***@" + host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_base_url(url: str) -> str:
    """The base URL without a trailing slash; refused unless http(s) and free of credentials."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{mask_url(url)}: the base URL must start with http:// or https:// and name a host")
    if parts.username is not None or parts.password is not None:
        raise EndpointError(f"{mask_url(url)}: put the key in OPENAI_API_KEY, not in the URL")
    return url.rstrip("/")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only within the origin that holds the key."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if _origin(newurl) != _origin(req.full_url):
            raise EndpointError(f"{mask_url(req.full_url)} redirected to another origin ({mask_url(newurl)}); "
                                "refusing to send the API key there")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class ChatClient:
    """POST ``/chat/completions`` and return the first choice's text."""

    def __init__(self, base_url: str, api_key: str, max_retries: int = 5, backoff: float = 1.0, timeout: float = 60.0):
        self.base_url = check_base_url(base_url)
        self._key = api_key
        self.max_retries, self.backoff, self.timeout = max_retries, backoff, timeout
        self.retries = 0
        self._opener = urllib.request.build_opener(_SameOriginRedirects)

    @classmethod
    def from_env(cls, user: str, base_url: str | None = None, api_key: str | None = None, **options: Any) -> ChatClient:
        """A client for ``base_url`` or ``OPENAI_BASE_URL`` (default the OpenAI API) with ``api_key`` or
        ``OPENAI_API_KEY``; ``user`` ("the openai judge") names what needs it in the error when no key is set."""
        key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY")
        if not key:
            raise EndpointError(f"{user} needs an API key: set OPENAI_API_KEY (and OPENAI_BASE_URL for vLLM, TGI or "
                                "SGLang servers; any non-empty key works for a local server without auth)")
        return cls(base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL, key, **options)

    def __repr__(self) -> str:
        return f"ChatClient({mask_url(self.base_url)!r})"

    def _masked(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    def chat(self, body: dict[str, Any]) -> str:
        url = f"{self.base_url}/chat/completions"
        request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {self._key}"})
        for attempt in range(self.max_retries + 1):
            try:
                with self._opener.open(request, timeout=self.timeout) as resp:
                    return json.loads(resp.read())["choices"][0]["message"]["content"] or ""
            except urllib.error.HTTPError as err:
                retry, message = err.code == 429 or err.code >= 500, f"HTTP {err.code}"
            except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
                retry, message = True, f"{type(err).__name__}: {getattr(err, 'reason', err)}"
            except (KeyError, IndexError, TypeError, json.JSONDecodeError) as err:
                raise EndpointError(f"{mask_url(url)}: unexpected reply format ({type(err).__name__})") from None
            if not retry or attempt == self.max_retries:
                raise EndpointError(self._masked(f"{mask_url(url)} failed after {attempt + 1} tries: {message}"))
            self.retries += 1
            time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")
