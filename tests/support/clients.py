"""The zero-dependency HTTP clients of the test matrix, on urllib: a generic object with
``post(url, json=...)``, a callable, and an async wrapper for any async client."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


class UrllibResponse:
    def __init__(self, status: int, headers: Any, body: bytes) -> None:
        self.status_code = status
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.content = body

    def json(self) -> Any:
        return json.loads(self.content)


def urllib_post(
    url: str, body: Any, timeout: float | None = None, headers: dict[str, str] | None = None
) -> UrllibResponse:
    data = json.dumps(body).encode()
    req = urllib.request.Request(url, data, {"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout or 30) as resp:
            return UrllibResponse(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as exc:
        return UrllibResponse(exc.code, exc.headers, exc.read())


class UrllibClient:
    """Any object with post(url, json=...): the generic duck-typed client."""

    def post(
        self,
        url: str,
        json: Any = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> UrllibResponse:
        return urllib_post(url, json, timeout, headers)


def urllib_poster(url: str, payload: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    """A callable (url, payload) returning the decoded envelope; with headers (JSON-2),
    the response."""
    if headers is not None:
        return urllib_post(url, payload, headers=headers)
    return urllib_post(url, payload).json()


class AsyncGenericClient:
    """Any object with an async post(url, json=...) whose response has a sync .json()."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def post(
        self,
        url: str,
        json: Any = None,
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> Any:
        return await self.inner.post(url, json=json, headers=headers, timeout=timeout)
