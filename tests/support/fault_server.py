"""A loopback server that misbehaves on purpose, on raw sockets: what proxies, restarting
servers and broken networks do to an Odoo client.

Each connection reads one request (headers, then a body framed by Content-Length) and
answers it with the current fault's actions, then keeps the connection for the next
request when the actions end with the reply intact. With ``fault = "healthy"`` it answers
like Odoo: /jsonrpc and /web/database/list with an envelope echoing the id, JSON-2 with
the bare result, and the /web/database forms with a redirect to the manager.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

SECRET = "pw-s3cret-Ä"  # a password: JSON escapes it as \u00c4
KEY = "pw-s3cret-key"  # an API key: printable ASCII, as it travels in a header
HTML = "text/html; charset=utf-8"
JSON = "application/json"

# an action: bytes to send, ("sleep", s), ("drip", bytes, interval), ("close",), ("reset",)
Action = Any


@dataclass
class Seen:
    method: str
    path: str
    body: bytes

    @property
    def rid(self) -> Any:
        try:
            data = json.loads(self.body)
        except ValueError:
            return None
        return data.get("id") if isinstance(data, dict) else None


def response(
    status: int, body: bytes, ctype: str = JSON, *extra: str, version: str = "1.1"
) -> bytes:
    reason = {200: "OK", 303: "See Other"}.get(status, "Status")
    head = [f"HTTP/{version} {status} {reason}", f"Content-Type: {ctype}"]
    head += [f"Content-Length: {len(body)}", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def healthy_body(seen: Seen) -> tuple[int, bytes, str, tuple[str, ...]]:
    """status, body, content type, extra headers of what Odoo answers to ``seen``."""
    if seen.path.startswith("/json/2/"):
        return 200, b"42", JSON, ()
    if seen.path.startswith("/web/database/") and seen.path != "/web/database/list":
        return 303, b"", HTML, ("Location: /web/database/manager",)
    result: Any = ["db1"] if seen.path == "/web/database/list" else {"server_version": "19.0"}
    body = json.dumps({"jsonrpc": "2.0", "id": seen.rid, "result": result}).encode()
    return 200, body, JSON, ()


def healthy(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    return [response(status, body, ctype, *extra)]


def odoo_error(seen: Seen, error: Any, status: int = 200) -> list[Action]:
    """An error envelope for /jsonrpc and JSON routes, an error object for JSON-2."""
    if seen.path.startswith("/json/2/"):  # JSON-2 sends what /jsonrpc puts in data
        data = error.get("data", error) if isinstance(error, dict) else error
        return [response(status if status != 200 else 500, json.dumps(data).encode())]
    body = json.dumps({"jsonrpc": "2.0", "id": seen.rid, "error": error}).encode()
    return [response(200, body)]


def _chunked(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    head = f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{h}\r\n" for h in extra) + "\r\n"
    parts = [body[i : i + 7] for i in range(0, len(body), 7)]
    chunks = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(p), p) for p in parts)
    return [head.encode() + chunks + b"0\r\nX-Trailer: yes\r\n\r\n"]


def _gzip(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    return [response(status, gzip.compress(body), ctype, "Content-Encoding: gzip", *extra)]


def _http10(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    head = f"HTTP/1.0 {status} X\r\nContent-Type: {ctype}\r\n" + "".join(f"{h}\r\n" for h in extra)
    return [(head + "\r\n").encode() + body, ("close",)]


def _continue(seen: Seen) -> list[Action]:
    return [b"HTTP/1.1 100 Continue\r\n\r\n", *healthy(seen)]


def _large(seen: Seen) -> list[Action]:
    big = {"server_version": "19.0", "padding": "x" * 3_000_000}
    if seen.path.startswith("/json/2/"):
        return [response(200, json.dumps([42, big]).encode())]
    if seen.path.startswith("/web/database/") and seen.path != "/web/database/list":
        return [response(303, b"x" * 3_000_000, HTML, "Location: /web/database/manager")]
    body = json.dumps({"jsonrpc": "2.0", "id": seen.rid, "result": big}).encode()
    return [response(200, body)]


def _html(status: int, *extra: str) -> Callable[[Seen], list[Action]]:
    page = f"<html><body><h1>{status} Service Unavailable</h1><p>nginx</p></body></html>"
    return lambda seen: [response(status, page.encode(), HTML, *extra)]


def _redirect(status: int) -> Callable[[Seen], list[Action]]:
    # to this server (a client that follows it gets a healthy answer to a GET of /moved)
    return lambda seen: [response(status, b"", HTML, "Location: /moved")]


def _body(raw: bytes, ctype: str = JSON) -> Callable[[Seen], list[Action]]:
    return lambda seen: [response(200, raw, ctype)]


def _short(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    full = response(status, body + b" " * 100, ctype, *extra)
    return [full[:-90], ("close",)]


def _reset_mid_body(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    full = response(status, body + b" " * 100, ctype, *extra)
    return [full[:-90], ("sleep", 0.05), ("reset",)]


def _drip_body(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    full = response(status, body + b" " * 60, ctype, *extra)
    split = full.index(b"\r\n\r\n") + 4
    return [full[:split], ("drip", full[split:], 0.01)]


def _drip_headers(seen: Seen) -> list[Action]:
    # ends in time for the clients that only bound each read (see the outcome table)
    status, body, ctype, extra = healthy_body(seen)
    full = response(status, body, ctype, *extra)
    split = full.index(b"\r\n\r\n") + 4
    return [full[:12], ("drip", full[12:split], 0.006), full[split:]]


def _headers_stall(seen: Seen) -> list[Action]:
    status, body, ctype, extra = healthy_body(seen)
    full = response(status, body + b" " * 10, ctype, *extra)  # a body is announced
    return [full[: full.index(b"\r\n\r\n") + 4], ("sleep", 2)]


def _wrong_id(seen: Seen) -> list[Action]:
    if seen.path.startswith("/json/2/"):
        return healthy(seen)
    status, body, ctype, extra = healthy_body(seen)
    if status == 303:
        return healthy(seen)
    reply = json.loads(body)
    reply["id"] = 999_999
    return [response(200, json.dumps(reply).encode())]


def _echo_secret(seen: Seen) -> list[Action]:
    secret = KEY if seen.path.startswith("/json/2/") else SECRET
    echo = f"bad password {secret} for {json.dumps(secret)}"
    data = {
        "name": "odoo.exceptions.AccessDenied",
        "message": echo,
        "arguments": [echo],
        "debug": f"Traceback\n{echo}",
        "context": {"password": secret},
    }
    if seen.path.startswith("/web/database/") and seen.path != "/web/database/list":
        page = f'<div class="alert alert-danger">Database deletion error: {echo}</div>'
        return [response(200, page.encode(), HTML)]
    if seen.path.startswith("/json/2/"):
        return [response(401, json.dumps(data).encode())]
    return odoo_error(seen, {"code": 200, "message": "Odoo Server Error", "data": data})


def _huge_debug(seen: Seen) -> list[Action]:
    data = {"name": "odoo.exceptions.UserError", "message": "big", "debug": "x" * 2_000_000}
    return odoo_error(seen, {"code": 200, "message": "Odoo Server Error", "data": data}, 422)


FAULTS: dict[str, Callable[[Seen], list[Action]]] = {
    "healthy": healthy,
    "accepted-then-closed": lambda seen: [("close",)],
    "silent": lambda seen: [("sleep", 2)],
    "headers-then-stall": _headers_stall,
    "slow-drip-headers": _drip_headers,
    "slow-drip-body": _drip_body,
    "short-body": _short,
    "reset-mid-body": _reset_mid_body,
    "redirect-301": _redirect(301),
    "redirect-302": _redirect(302),
    "redirect-307": _redirect(307),
    "html-401": _html(401, 'WWW-Authenticate: Basic realm="odoo"'),
    "html-413": _html(413),
    "html-502": _html(502, "Retry-After: 7"),
    "html-503": _html(503, "Retry-After: 30"),
    "empty-200": _body(b""),
    "html-200": _body(b"<html><body>Login</body></html>", HTML),
    "invalid-utf8-200": _body(b'{"jsonrpc": "2.0", "id": 1, "result": "\xff\xfe"}'),
    "not-an-object-200": _body(b"[1, 2, 3]"),
    "deeply-nested-200": _body(b"[" * 100_000 + b"]" * 100_000),
    "wrong-id": _wrong_id,
    "error-is-a-string": lambda seen: odoo_error(seen, "boom", 500),
    "error-is-a-list": lambda seen: odoo_error(seen, ["boom", 1], 500),
    "error-without-data": lambda seen: odoo_error(seen, {"code": 200, "message": "Odoo down"}),
    "error-unknown-name": lambda seen: odoo_error(
        seen,
        {"code": 200, "message": "x", "data": {"name": "acme.Weird", "message": "weird"}},
        418,
    ),
    "error-huge-debug": _huge_debug,
    "echoed-secret": _echo_secret,
    "chunked": _chunked,
    "gzip": _gzip,
    "http10-close-delimited": _http10,
    "100-continue": _continue,
    "large-reply": _large,
}


class FaultServer:
    """``with FaultServer() as server: server.fault = "slow-drip-body"``."""

    def __init__(self, record: bool = True) -> None:
        self.fault = "healthy"
        self.record = record  # keep every request in ``seen`` (not in a soak test)
        self.seen: list[Seen] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        buffer = b""
        try:
            while not self._stop.is_set():
                seen, buffer = _read_request(conn, buffer)
                if seen is None:
                    return
                if self.record:
                    self.seen.append(seen)
                if not self._act(conn, FAULTS[self.fault](seen)):
                    return
        except OSError:
            pass
        finally:
            conn.close()

    def _act(self, conn: socket.socket, actions: list[Action]) -> bool:
        """Carry out the actions; False when the connection must end."""
        for action in actions:
            if isinstance(action, bytes):
                conn.sendall(action)
            elif action[0] == "sleep":
                self._stop.wait(action[1])
                return False
            elif action[0] == "drip":
                for byte in _bytes(action[1]):
                    if self._stop.wait(action[2]):
                        return False
                    conn.sendall(byte)
            elif action[0] == "close":
                return False
            elif action[0] == "reset":  # RST instead of FIN
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return False
        return True


def _bytes(data: bytes) -> Iterator[bytes]:
    for i in range(len(data)):
        yield data[i : i + 1]


_LENGTH = re.compile(rb"(?im)^content-length:\s*(\d+)")


def _read_request(conn: socket.socket, buffer: bytes) -> tuple[Seen | None, bytes]:
    while b"\r\n\r\n" not in buffer:
        data = conn.recv(65536)
        if not data:
            return None, b""
        buffer += data
    head, _, rest = buffer.partition(b"\r\n\r\n")
    found = _LENGTH.search(head)
    length = int(found.group(1)) if found else 0
    while len(rest) < length:
        data = conn.recv(65536)
        if not data:
            return None, b""
        rest += data
    method, path, _ = head.split(b" ", 2)
    seen = Seen(method.decode(), path.decode().split("?")[0], rest[:length])
    return seen, rest[length:]
