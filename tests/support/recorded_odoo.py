"""RecordedOdoo: a loopback server that answers with real recorded replies, plus scripted faults.

The replies come from ``tests/data/odoo11/`` (a real Odoo 11 server's answers), or from
``tests/data/odoo19/`` for ``RecordedOdoo("odoo19")``, which also speaks JSON-2 and the
``/web/database`` routes (see ``recorded_odoo19``). A request
is answered, in this order, by the next scripted reply in ``RecordedOdoo.script``, or by the
recorded case whose request had the same path, service, method and arguments. Anything
else gets a plain-text 500 naming what had no recorded reply. The JSON-RPC id is echoed as Odoo
does, and every request is kept in ``RecordedOdoo.requests`` for assertions.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import recorded_odoo19 as o19

DATA = Path(__file__).resolve().parent.parent / "data"


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
        key = _key(urlsplit(req["url"]).path, req.get("body_json"))
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
    truncated: bool = False  # announce 100 bytes more than the body


@dataclass
class Stream:
    """A body sent as it is made, without Content-Length (the connection closes)."""

    status: int
    headers: list[tuple[str, str]]
    chunks: Iterator[bytes]


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
    upload: o19.Upload | None = None

    @property
    def json(self) -> Any:
        return json.loads(self.body)


_DROP = ("content-length", "date", "server", "transfer-encoding", "connection")


def recorded_reply(case: dict[str, Any], request_body: Any) -> Raw:
    """A recorded response, with the JSON-RPC id of ``request_body`` put in."""
    resp = case["response"]
    body = (resp["body"] or "").encode("utf-8")
    data = resp.get("body_json")
    if isinstance(data, dict) and "jsonrpc" in data and isinstance(request_body, dict):
        data = dict(data, id=request_body.get("id"))
        body = json.dumps(data).encode("utf-8")
    headers = [(k, v) for k, v in resp["headers"] if k.lower() not in _DROP]
    return Raw(resp["status"], body, headers)


def _no_reply(what: Any) -> Raw:
    return Raw(
        500, f"fake odoo: no recorded reply for {what}".encode(), [("Content-Type", "text/plain")]
    )


class RecordedOdoo:
    def __init__(self, flavour: str = "odoo11") -> None:
        self.flavour = flavour
        self.cases = CASES if flavour == "odoo11" else load_cases(flavour)
        self.index = INDEX if flavour == "odoo11" else _index(self.cases)
        self.json2_index = o19.json2_index(self.cases)
        self.web_index = o19.web_index(self.cases)
        self.backup_size: int | None = None  # None: the recorded length
        self.web_calls: dict[tuple[str, str], int] = {}
        self.in_flight = self.max_in_flight = 0
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

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        self.url = f"{self.base_url}/jsonrpc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> RecordedOdoo:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        # let requests a previous test gave up on (timeouts) finish first
        deadline = time.monotonic() + 5
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)
        with self.lock:
            self.script.clear()
            self.requests.clear()
            self.backup_size = None
            self.web_calls.clear()
            self.max_in_flight = 0

    def add(self, *replies: Raw | Replay | Fault) -> None:
        with self.lock:
            self.script.extend(replies)

    @property
    def last(self) -> Seen:
        return self.requests[-1]

    # --- serving ----------------------------------------------------------------------

    def handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        # "in flight": from the request's arrival until its answer is ready to send
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            scripted, reply = self._answer(handler, method)
        finally:
            with self.lock:
                self.in_flight -= 1
        if reply is None:  # drop the connection
            handler.close_connection = True
            return
        self.send(
            handler,
            reply,
            truncated=(isinstance(scripted, Fault) and scripted.kind == "truncated")
            or (isinstance(reply, Raw) and reply.truncated),
        )

    def _answer(
        self, handler: BaseHTTPRequestHandler, method: str
    ) -> tuple[Raw | Replay | Fault | None, Raw | Stream | None]:
        length = int(handler.headers.get("Content-Length") or 0)
        ctype = handler.headers.get("Content-Type", "")
        upload = None
        if ctype.startswith("multipart/form-data"):
            try:
                upload = o19.parse_multipart(handler.rfile.read, length, ctype)
            except ValueError as exc:  # a client that gave up mid-upload: no traceback
                handler.close_connection = True
                return None, Raw(400, f"malformed form: {exc}".encode(), [])
            body = b""
        else:
            body = handler.rfile.read(length) if length else b""
        seen = Seen(
            method,
            handler.path,
            {k.lower(): v for k, v in handler.headers.items()},
            body,
            upload,
        )
        with self.lock:
            self.requests.append(seen)
            scripted = self.script.pop(0) if self.script else None
        try:
            data = json.loads(body) if body else None
        except ValueError:
            data = None
        if self.flavour != "odoo11" and isinstance(scripted, Fault) and scripted.kind == "slow":
            time.sleep(scripted.seconds)
            scripted = None
        if scripted is None and self.flavour != "odoo11":
            reply: Raw | Stream | None = self.answer19(seen, data)
        else:
            reply = self.answer(scripted, handler.path, data)
        return scripted, reply

    def answer(self, scripted: Raw | Replay | Fault | None, path: str, data: Any) -> Raw | None:
        if isinstance(scripted, Raw):
            return scripted
        if isinstance(scripted, Replay):
            return recorded_reply(self.cases[scripted.name], data)
        if isinstance(scripted, Fault):
            if scripted.kind == "drop":
                return None
            if scripted.kind == "slow":
                time.sleep(scripted.seconds)
        key = _key(path.split("?")[0], data)
        if key is not None and key in self.index:
            return recorded_reply(self.cases[self.index[key]], data)
        if path.rstrip("/") != "/jsonrpc":
            return recorded_reply(CASES["error-unknown-path"], data)
        return _no_reply(key)

    def answer19(self, seen: Seen, data: Any) -> Raw | Stream | None:
        """Odoo 19's answer: JSON-2, the web routes, or a recorded /jsonrpc call."""
        path = seen.path
        if path.startswith("/json/2/"):
            name = o19.json2_case(self.cases, self.json2_index, path, seen.headers, seen.body)
            return recorded_reply(self.cases[name], data) if name else _no_reply(path)
        if path == "/web/version" and seen.method == "GET":
            return recorded_reply(self.cases["A-web-version-get"], data)
        if path == "/web/database/list":
            return recorded_reply(self.cases["I-web-database-list"], data)
        if path.startswith("/web/database/"):
            if seen.upload is not None:
                fields = seen.upload.fields
            else:
                fields = dict(parse_qsl(seen.body.decode(), keep_blank_values=True))
            key = (path, o19._canon(fields))
            names = self.web_index.get(key)
            if not names:
                return _no_reply((path, sorted(fields)))
            with self.lock:
                count = self.web_calls[key] = self.web_calls.get(key, 0) + 1
            name = names[min(count, len(names)) - 1]
            reply = recorded_reply(self.cases[name], data)
            binary = self.cases[name]["response"].get("body_binary")
            if binary:
                size = self.backup_size if self.backup_size is not None else binary["length"]
                return Stream(reply.status, reply.headers, o19.backup_chunks(size))
            return reply
        return self.answer(None, path, data)

    @staticmethod
    def send(handler: BaseHTTPRequestHandler, reply: Raw | Stream, truncated: bool = False) -> None:
        handler.send_response(reply.status)
        for name, value in reply.headers:
            handler.send_header(name, value)
        if isinstance(reply, Raw):
            extra = 100 if truncated else 0
            handler.send_header("Content-Length", str(len(reply.body) + extra))
        handler.end_headers()
        try:
            if isinstance(reply, Raw):
                handler.wfile.write(reply.body)
            else:
                for chunk in reply.chunks:
                    handler.wfile.write(chunk)
        except OSError:  # the client gave up (timeout tests)
            pass
        handler.close_connection = True


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError) or "truncated" in str(exc):
            return  # a client that went away mid-request, as the fault tests make them
        super().handle_error(request, client_address)


def running(flavour: str = "odoo11") -> Iterator[RecordedOdoo]:
    fake = RecordedOdoo(flavour).start()
    try:
        yield fake
    finally:
        fake.stop()
