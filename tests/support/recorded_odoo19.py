"""What RecordedOdoo answers like Odoo 19: JSON-2 and the /web/database routes.

Every answer is a recorded one from ``tests/data/odoo19`` (status, headers and body as a
real Odoo 19 server sent them). Which one is chosen follows Odoo's own order of checks:
media type, session cookie against database header, database selection, bearer key, then
the recorded call with the same path, key, database and body. Backups stream a
deterministic payload of the recorded length (or ``backup_size``); uploads are parsed as
they arrive and only their size and sha256 are kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

CaseMap = dict[str, dict[str, Any]]
DATABASES = frozenset({"acc19", "cap_main", "cap_min"})


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _path(case: dict[str, Any]) -> str:
    parts = urlsplit(case["request"]["url"])
    return str(parts.path) + (f"?{parts.query}" if parts.query else "")


def _bearer(headers: dict[str, str]) -> str:
    scheme, _, key = headers.get("authorization", "").partition(" ")
    return key if scheme.lower() == "bearer" else ""


def json2_index(cases: CaseMap) -> dict[tuple[str, str, str, str], str]:
    index: dict[tuple[str, str, str, str], str] = {}
    for name, case in cases.items():
        req = case["request"]
        if not name.startswith(("F-json2-", "A-json2-")) or req["method"] != "POST":
            continue
        headers = {k.lower(): v for k, v in req["headers"].items()}
        if "cookie" in headers:
            continue
        key = (_path(case), _bearer(headers), headers.get("x-odoo-database", ""))
        index.setdefault((*key, _canon(req.get("body_json"))), name)
    return index


def json2_case(
    cases: CaseMap,
    index: dict[tuple[str, str, str, str], str],
    path: str,
    headers: dict[str, str],
    body: bytes,
) -> str | None:
    """The recorded case that answers this JSON-2 request, as Odoo would choose it."""
    ctype = headers.get("content-type", "")
    if body and not ctype.startswith("application/json"):
        return "F-json2-error-text-plain"
    database = headers.get("x-odoo-database")
    if database is not None and "session_id=" in headers.get("cookie", ""):
        return "F-json2-error-session-and-other-db-header"
    if database is None:
        return "F-json2-error-no-db-header-several-dbs"
    if database not in DATABASES:
        return "F-json2-error-wrong-db-header"
    scheme = headers.get("authorization", "").partition(" ")[0].lower()
    if not scheme:
        return "F-json2-error-no-auth"
    if scheme != "bearer":
        return "F-json2-error-basic-auth"
    key = _bearer(headers)
    known = {k for (_, k, db, _) in index if db == database}
    if key not in known:
        return "F-json2-error-bad-key"
    try:
        data = json.loads(body) if body else None
    except ValueError:
        return "F-json2-error-malformed-json"
    return index.get((path, key, database, _canon(data)))


def web_index(cases: CaseMap) -> dict[tuple[str, str], list[str]]:
    """(route path, canonical fields) -> cases in recorded order, for the form and
    multipart routes (the same form can succeed, then fail: duplicate twice)."""
    index: dict[tuple[str, str], list[str]] = {}
    for name, case in cases.items():
        req = case["request"]
        if not name.startswith("I-web-database-") or req["method"] != "POST":
            continue
        parsed = req.get("body_parsed") or {}
        if "multipart_fields" in parsed:
            fields = dict(parsed["multipart_fields"])
        elif req["headers"].get("Content-Type", "").startswith("application/x-www-form"):
            fields = dict(parse_qsl(req["body"] or "", keep_blank_values=True))
        else:
            continue
        index.setdefault((_path(case), _canon(fields)), []).append(name)
    for names in index.values():
        names.sort(key=lambda n: cases[n]["seq"])
    return index


def backup_chunks(size: int) -> Iterator[bytes]:
    """A deterministic backup payload of ``size`` bytes, made as it is sent."""
    block = (b"PK\x03\x04" + bytes(range(256)) * 256)[: 1 << 16]
    sent = 0
    while sent < size:
        chunk = block[: min(len(block), size - sent)]
        sent += len(chunk)
        yield chunk


def backup_digest(size: int) -> str:
    digest = hashlib.sha256()
    for chunk in backup_chunks(size):
        digest.update(chunk)
    return digest.hexdigest()


class Upload:
    """A parsed multipart body: the small fields, and each file's name, size and sha256."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.files: dict[str, tuple[str, int, str]] = {}


def parse_multipart(read: Callable[[int], bytes], length: int, ctype: str) -> Upload:
    """Parse a multipart/form-data body while reading it, in bounded memory."""
    boundary = ctype.partition("boundary=")[2].strip('"').encode()
    if not boundary:
        raise ValueError("no multipart boundary")
    upload = Upload()
    remaining = length
    buf = b""

    def more() -> bool:
        nonlocal buf, remaining
        chunk = read(min(1 << 16, remaining)) if remaining else b""
        remaining -= len(chunk)
        buf += chunk
        return bool(chunk)

    delim = b"--" + boundary
    while delim not in buf:
        if not more():
            raise ValueError("no multipart delimiter")
    buf = buf[buf.index(delim) + len(delim) :]
    sep = b"\r\n" + delim
    while True:
        while len(buf) < 2 and more():
            pass
        if buf.startswith(b"--"):
            return upload
        while b"\r\n\r\n" not in buf:
            if not more():
                raise ValueError("truncated part headers")
        head, buf = buf.split(b"\r\n\r\n", 1)
        disposition = head.decode("utf-8", "replace")
        name = disposition.partition('name="')[2].partition('"')[0]
        filename = disposition.partition('filename="')[2].partition('"')[0]
        digest, size, small = hashlib.sha256(), 0, bytearray()
        while True:
            found = buf.find(sep)
            piece = buf[:found] if found >= 0 else buf[: -len(sep)]
            digest.update(piece)
            size += len(piece)
            if not filename:
                small += piece
            if found >= 0:
                buf = buf[found + len(sep) :]
                break
            buf = buf[len(piece) :]
            if not more():
                raise ValueError("truncated multipart body")
        if filename:
            upload.files[name] = (filename, size, digest.hexdigest())
        else:
            upload.fields[name] = small.decode("utf-8")
