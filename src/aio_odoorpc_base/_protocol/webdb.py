"""The sans-IO core of the ``/web/database/*`` routes: forms, multipart uploads and how
to read the answer. Success is a redirect; failure is the manager page (HTTP 200) with
the error in an ``alert-danger`` box.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import IO, Any
from urllib.parse import urlencode

from .._version import USER_AGENT
from ..errors import AccessDenied, DatabaseError, DatabaseExists, ProtocolError, ServerError
from .base import Download, Reply, Request, base_url, safe_url, strip_tags

__all__ = [
    "CHUNK",
    "FileDownload",
    "FormRequest",
    "MultipartBody",
    "Progress",
    "form_request",
    "judge",
    "need_db_name",
]

Progress = Callable[[int, "int | None"], object]
CHUNK = 1 << 16
_DBNAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")
_ALERT = re.compile(r'class="[^"]*alert-danger[^"]*"[^>]*>(.*?)</div>', re.S)


def need_db_name(arg: str, value: Any) -> str:
    """A database name Odoo's web routes accept (their own pattern)."""
    if not isinstance(value, str):
        raise TypeError(f"{arg} must be a str, got {type(value).__name__}")
    if not _DBNAME.match(value):
        raise ValueError(
            f"{arg} {value!r} is not a valid database name: use at least two letters, "
            "digits, '_', '.' or '-', starting with a letter or a digit"
        )
    return value


class FormRequest(Request):
    """A form POST to a ``/web/database`` route: success is a redirect, failure the
    manager page. ``payload`` holds the form fields."""

    __slots__ = ()

    def parse(self, reply: Reply) -> None:
        judge(self, reply)


def form_request(
    url: str,
    route: str,
    fields: Mapping[str, str],
    secret_fields: tuple[str, ...],
    *,
    upload: MultipartBody | None = None,
    download: Download | None = None,
) -> FormRequest:
    """A form POST to ``/web/database/<route>``; only the fields given are sent, as an
    urlencoded form, or with a file as a streamed multipart ``upload``."""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT}
    body: Any = urlencode(fields).encode("ascii")
    if upload is not None:
        headers["Content-Type"] = upload.content_type
        headers["Content-Length"] = str(len(upload))
        body = upload
    return FormRequest(
        f"{base_url(url)}/web/database/{route}",
        dict(fields),
        headers=headers,
        body=body,
        secrets=[fields[name] for name in secret_fields if name in fields],
        label=f"web.database.{route}",
        web=True,
        download=download,
    )


_CHANGES_DATABASES = frozenset(
    f"web.database.{route}" for route in ("create", "duplicate", "restore", "drop")
)


def judge(request: Request, reply: Reply) -> None:
    """Nothing for a redirect (success); the typed error otherwise."""
    if reply.status in (301, 302, 303) and reply.headers.get("location"):
        return
    if reply.status == 200 and "html" not in reply.content_type.lower():
        raise ProtocolError(
            f"{request.label}: {safe_url(request.url)} answered with "
            f"{reply.content_type or 'no content type'!r}, not a redirect or the manager "
            f"page: {request.excerpt(reply.body)[:100]!r}"
        )
    if reply.status != 200:
        exc = request.status_error(reply)
        newer = [f for f in ("neutralize_database", "filestore") if f in request.payload]
        if reply.status == 500:
            hints = []
            if newer:
                hints.append(
                    "Odoo 11-15 fail on form fields they do not know: "
                    f"{', '.join(newer)} needs a newer Odoo; leave it out"
                )
            if request.label in _CHANGES_DATABASES:
                # seen on a real Odoo 19: the copy was made, then the request's own cursor
                # on the source database (closed by the copy) failed saving the session
                hints.append(
                    "the operation may have completed before the server failed: check "
                    "web_list_databases() before trying again"
                )
            if hints:
                exc.args = (f"{exc.args[0]} ({'; '.join(hints)})",)
        raise exc
    raise page_error(request, reply.body)


def page_error(request: Request, page: bytes) -> ServerError:
    """The error the manager page shows, as a typed exception."""
    text = page.decode("utf-8", "replace")
    found = _ALERT.search(text)
    if found is None:
        raise ProtocolError(
            f"{request.label}: {safe_url(request.url)} answered with an HTML page and no "
            f"redirect, but the page shows no error: {request.excerpt(page)[:200]!r}"
        )
    message = request.redact(" ".join(strip_tags(found.group(1)).split()))
    reason = message.partition(": ")[2] or message
    cls: type[ServerError] = DatabaseError
    if reason.lower() == "access denied":
        cls = AccessDenied
    elif "already exists" in reason:
        cls = DatabaseExists
    return cls(message)


class MultipartBody:
    """A multipart/form-data body that streams one file: iterate it (sync or async) or
    ``read()`` it; its length is known up front, so no chunked encoding is needed (old
    Odoo servers cannot read chunked request bodies)."""

    def __init__(
        self,
        fields: Mapping[str, str],
        file_field: str,
        filename: str,
        fileobj: IO[bytes],
        progress: Progress | None = None,
    ) -> None:
        import secrets

        boundary = f"aio-odoorpc-base-{secrets.token_hex(12)}"
        self.content_type = f"multipart/form-data; boundary={boundary}"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{_quoted(filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        self._head = "".join(parts).encode("utf-8")
        self._tail = f"\r\n--{boundary}--\r\n".encode("ascii")
        self._file = fileobj
        self.size = _remaining(fileobj)
        self._progress = progress
        self._buffer = bytearray()  # deleting from its front does not copy the rest
        self._chunks: Iterator[bytes] | None = None

    def __len__(self) -> int:
        return len(self._head) + self.size + len(self._tail)

    def __iter__(self) -> Iterator[bytes]:
        yield self._head
        done = 0
        while done < self.size:
            chunk = self._file.read(min(CHUNK, self.size - done))
            if not chunk:
                raise ValueError(
                    f"the backup file ended after {done} of {self.size} bytes: it changed "
                    "while it was being sent"
                )
            done += len(chunk)
            if self._progress is not None:
                self._progress(done, self.size)
            yield chunk
        yield self._tail

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def read(self, size: int = -1) -> bytes:
        """File-like access for clients that send bodies with ``read()``."""
        if self._chunks is None:
            self._chunks = iter(self)
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, b"")
            if not chunk:
                break
            self._buffer += chunk
        if size < 0:
            size = len(self._buffer)
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out


def _quoted(filename: str) -> str:
    return filename.replace("\\", "_").replace('"', "_").replace("\r", "").replace("\n", "")


def _remaining(fileobj: IO[bytes]) -> int:
    """Bytes from the current position to the end; the file must be seekable."""
    try:
        start = fileobj.tell()
        end = os.fstat(fileobj.fileno()).st_size if _has_fileno(fileobj) else None
        if end is None:
            end = fileobj.seek(0, os.SEEK_END)
            fileobj.seek(start)
    except (OSError, AttributeError, ValueError) as exc:
        raise TypeError(
            "backup_file must be a path or a seekable binary file object (its size is "
            "sent before its content)"
        ) from exc
    return max(end - start, 0)


def _has_fileno(fileobj: IO[bytes]) -> bool:
    try:
        fileobj.fileno()
    except (OSError, AttributeError, ValueError):
        return False
    return True


class FileDownload:
    """Where a backup goes: a path (created, removed again on failure) or a binary file
    object (written to, left open), with an optional ``progress(done, total)``."""

    def __init__(self, target: str | os.PathLike[str] | IO[bytes], progress: Progress | None):
        if not isinstance(target, str | os.PathLike) and not callable(
            getattr(target, "write", None)
        ):
            raise TypeError(
                f"backup_file must be a path or a binary file object open for writing, "
                f"got {type(target).__name__}"
            )
        self.target = target
        self.progress = progress
        self.done = 0
        self.total: int | None = None
        self.started = False
        self._file: IO[bytes] | None = None

    def accept(self, status: int, content_type: str, headers: Mapping[str, str]) -> bool:
        if status != 200 or "octet-stream" not in content_type.lower():
            return False
        length = headers.get("content-length", "")
        self.total = int(length) if length.isdigit() else None
        if isinstance(self.target, str | os.PathLike):
            self._file = open(self.target, "wb")  # noqa: SIM115 - closed in finish()
        else:
            self._file = self.target
        self.started = True
        return True

    def write(self, chunk: bytes) -> None:
        assert self._file is not None  # accept() came first
        self._file.write(chunk)
        self.done += len(chunk)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self, ok: bool) -> None:
        if self._file is None or self._file is self.target:
            return
        self._file.close()
        if not ok:
            with contextlib.suppress(OSError):
                os.unlink(self.target)  # type: ignore[arg-type]
