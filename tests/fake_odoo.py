"""A loopback fake Odoo that answers with real recorded replies, plus scripted faults.

The replies come from ``tests/data/odoo11/`` (a real Odoo 11 server's answers). A request
is answered, in this order, by the next scripted reply in ``FakeOdoo.script``, or by the
recorded case whose request had the same path, service, method and arguments. Anything
else gets a plain-text 500 naming what had no recorded reply. The JSON-RPC id is echoed as Odoo
does, and every request is kept in ``FakeOdoo.requests`` for assertions.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def load_cases(version: str = "odoo11") -> dict[str, dict[str, Any]]:
    cases = {}
    for path in sorted((DATA / version).glob("*.json")):
        if not path.name.startswith("INDEX"):
            case = json.loads(path.read_text(encoding="utf-8"))
            cases[case["case"]] = case
    return cases


CASES = load_cases()


def _key(path: str, body: Any) -> tuple[str, str, str, str] | None:
    if not isinstance(body, dict) or not isinstance(body.get("params"), dict):
        return None
    params = body["params"]
    return (
        path,
        str(params.get("service")),
        str(params.get("method")),
        json.dumps(params.get("args"), sort_keys=True),
    )


def _index(cases: dict[str, dict[str, Any]]) -> dict[tuple[str, str, str, str], str]:
    index: dict[tuple[str, str, str, str], str] = {}
    for name, case in cases.items():
        req = case["request"]
        if req["method"] != "POST" or req.get("body") is None or case["response"]["body"] is None:
            continue
        path = req["url"].split("8069", 1)[1]
        key = _key(path, req.get("body_json"))
        if key is not None:
            index.setdefault(key, name)
    return index


INDEX = _index(CASES)


@dataclass
class Raw:
    """Send exactly this status, headers and body."""

    status: int
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Replay:
    """Answer with recorded case ``name``, the request's id substituted."""

    name: str


@dataclass
class Fault:
    """``slow`` (sleep ``seconds`` then answer normally), ``drop`` (close without a
    reply) or ``truncated`` (announce more body than is sent)."""

    kind: str
    seconds: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


def recorded_reply(case: dict[str, Any], request_body: Any) -> Raw:
    """A recorded response, with the JSON-RPC id of ``request_body`` put in."""
    resp = case["response"]
    body = resp["body"].encode("utf-8")
    data = resp.get("body_json")
    if isinstance(data, dict) and "id" in data and isinstance(request_body, dict):
        data = dict(data, id=request_body.get("id"))
        body = json.dumps(data).encode("utf-8")
    headers = [
        (k, v) for k, v in resp["headers"] if k.lower() not in ("content-length", "date", "server")
    ]
    return Raw(resp["status"], body, headers)


class FakeOdoo:
    def __init__(self) -> None:
        self.script: list[Raw | Replay | Fault] = []
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # like Odoo 11: one request per connection

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.handle(self, "GET")

            def do_POST(self) -> None:
                fake.handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        self.base_url = f"http://{host}:{port}"
        self.url = f"{self.base_url}/jsonrpc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FakeOdoo:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.script.clear()
            self.requests.clear()

    def add(self, *replies: Raw | Replay | Fault) -> None:
        with self.lock:
            self.script.extend(replies)

    @property
    def last(self) -> Seen:
        return self.requests[-1]

    # --- serving ----------------------------------------------------------------------

    def handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        seen = Seen(
            method,
            handler.path,
            {k.lower(): v for k, v in handler.headers.items()},
            body,
        )
        with self.lock:
            self.requests.append(seen)
            scripted = self.script.pop(0) if self.script else None
        try:
            data = json.loads(body) if body else None
        except ValueError:
            data = None
        reply = self.answer(scripted, handler.path, data)
        if reply is None:  # drop the connection
            handler.close_connection = True
            return
        self.send(
            handler,
            reply,
            truncated=isinstance(scripted, Fault) and scripted.kind == "truncated",
        )

    def answer(self, scripted: Raw | Replay | Fault | None, path: str, data: Any) -> Raw | None:
        if isinstance(scripted, Raw):
            return scripted
        if isinstance(scripted, Replay):
            return recorded_reply(CASES[scripted.name], data)
        if isinstance(scripted, Fault):
            if scripted.kind == "drop":
                return None
            if scripted.kind == "slow":
                time.sleep(scripted.seconds)
        key = _key(path.split("?")[0], data)
        if key is not None and key in INDEX:
            return recorded_reply(CASES[INDEX[key]], data)
        if path.rstrip("/") != "/jsonrpc":
            return recorded_reply(CASES["error-unknown-path"], data)
        return Raw(
            500,
            f"fake odoo: no recorded reply for {key}".encode(),
            [("Content-Type", "text/plain")],
        )

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, reply: Raw, truncated: bool = False) -> None:
        handler.send_response(reply.status)
        for name, value in reply.headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(reply.body) + (100 if truncated else 0)))
        handler.end_headers()
        try:
            handler.wfile.write(reply.body)
        except OSError:  # the client gave up (timeout tests)
            pass
        handler.close_connection = True


def running() -> Iterator[FakeOdoo]:
    fake = FakeOdoo().start()
    try:
        yield fake
    finally:
        fake.stop()
