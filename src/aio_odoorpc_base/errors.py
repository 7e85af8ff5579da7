"""Every exception this library raises on purpose.

::

    OdooError                              root of everything raised on purpose
    ├── BulkError                          some batches of a bulk operation failed
    ├── ExportError                        an export or import cannot start (also a ValueError)
    ├── ImportInterrupted                  an import stopped part-way: .report says which rows
    ├── TransportError                     no usable answer came back (__cause__: library error)
    │   ├── ConnectError                   could not connect; nothing was sent
    │   ├── TransportTimeout               also a builtin TimeoutError
    │   │   └── ConnectTimeout             connecting took too long (also a ConnectError)
    │   ├── HTTPStatusError                status other than 200: .status_code, .body excerpt
    │   │   ├── DatabaseNotSelected        JSON-2: Odoo could not tell which database to use
    │   │   └── SessionConflict            JSON-2: a session cookie and X-Odoo-Database together
    │   └── ProtocolError                  not JSON, not a JSON-RPC envelope, wrong reply id
    └── ServerError                        Odoo answered with an error; also the fallback
        ├── UserError                      odoo.exceptions.UserError (+ Warning, except_orm)
        │   ├── AccessDenied               bad login, password, API key or master password
        │   ├── AccessError                access rights, record rules, private methods
        │   ├── MissingError               record deleted or never existed
        │   └── ValidationError            constraints
        ├── RedirectWarning                odoo.exceptions.RedirectWarning
        ├── SessionExpired                 JSON-RPC code 100 (web-session routes)
        ├── NotFound                       "that does not exist": a wrong URL path (404), and
        │   ├── ModelNotFound              unknown model (also a UserError, as /jsonrpc says)
        │   ├── MethodNotFound             unknown service method or model method
        │   └── Json2Unavailable           JSON-2 asked of a server without it (before 19)
        ├── InvalidArguments               missing, unexpected or wrongly placed arguments
        ├── NotSupportedByFake             testing.FakeOdoo does not model what was asked
        └── DatabaseError                  psycopg errors (missing database, SQL errors)
            ├── DatabaseExists             create/duplicate onto an existing name
            └── DatabaseNotFound           no database of that name (also a NotFound)

Misuse (missing or wrongly typed arguments, a sync HTTP client given to async code)
raises the builtin ``TypeError`` / ``ValueError`` before anything is sent.

The server traceback is kept in ``ServerError.debug`` and never in ``str()``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

__all__ = [
    "AccessDenied",
    "AccessError",
    "BulkError",
    "ConnectError",
    "ConnectTimeout",
    "DatabaseError",
    "DatabaseExists",
    "DatabaseNotFound",
    "DatabaseNotSelected",
    "ExportError",
    "HTTPStatusError",
    "ImportInterrupted",
    "InvalidArguments",
    "Json2Unavailable",
    "MethodNotFound",
    "MissingError",
    "ModelNotFound",
    "NotSupportedByFake",
    "NotFound",
    "OdooError",
    "ProtocolError",
    "RedirectWarning",
    "ServerError",
    "SessionConflict",
    "SessionExpired",
    "TransportError",
    "TransportTimeout",
    "UserError",
    "ValidationError",
    "lookup",
]


class OdooError(Exception):
    """Root of every exception raised on purpose by aio_odoorpc_base."""


class BulkError(OdooError):
    """Some batches of a bulk operation failed; the others are done, and kept here.

    ``results``: per input item its result, None where its batch failed (Odoo 11 creates
    one record per call, so part of a failed batch may be there). ``failures``: (batch
    number, positions of its items in the input, the exception) per failed batch.
    """

    def __init__(
        self, results: list[Any], failures: list[tuple[int, range, BaseException]]
    ) -> None:
        super().__init__(results, failures)
        self.results = results
        self.failures = failures

    def __str__(self) -> str:
        first = self.failures[0]
        return (
            f"{len(self.failures)} of the batches failed (first: batch {first[0]}, items "
            f"{first[1].start}-{first[1].stop - 1}: {type(first[2]).__name__}: {first[2]})"
        )


class ExportError(OdooError, ValueError):
    """An export or an import cannot start or continue: an unknown field or format, a
    checkpoint that belongs to another export, a cursor that is not one, a row of the
    wrong length. The message says how to fix it; nothing was written under the
    output's name."""


class ImportInterrupted(OdooError):
    """An import stopped before its end (a call failed: the connection, the server, a
    timeout). ``report`` has every row: loaded (committed, with its id), refused, or
    ``pending`` (not loaded: run those again); ``__cause__`` is the failure."""

    def __init__(self, report: Any, cause: BaseException) -> None:
        super().__init__(report, cause)
        self.report = report
        self.cause = cause

    def __str__(self) -> str:
        pending = sum(r.status == "pending" for r in self.report.rows)
        return (
            f"the import stopped: {type(self.cause).__name__}: {self.cause}; "
            f"{len(self.report.loaded)} rows loaded, {len(self.report.failed)} refused, "
            f"{pending} not loaded (see .report; later rows, if any, were not read)"
        )


class TransportError(OdooError):
    """No usable answer came back from the server."""


class ConnectError(TransportError):
    """The connection could not be made, so the request was never sent."""


class TransportTimeout(TransportError, TimeoutError):
    """The server did not answer in time (the request may have run anyway)."""


class ConnectTimeout(ConnectError, TransportTimeout):
    """Connecting took too long; the request was never sent."""


class HTTPStatusError(TransportError):
    """The server (or a proxy in front of it) answered with an unexpected HTTP status."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: str = "",
        content_type: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.content_type = content_type
        self.retry_after = retry_after  # seconds, from a Retry-After header

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (
                type(self),
                self.args,
                {
                    "status_code": self.status_code,
                    "body": self.body,
                    "content_type": self.content_type,
                    "retry_after": self.retry_after,
                },
            ),
        )


class DatabaseNotSelected(HTTPStatusError):
    """JSON-2: Odoo could not tell which database to use (HTML 404): pass ``database=``,
    and check that the name exists and passes the server's ``dbfilter``."""


class SessionConflict(HTTPStatusError):
    """JSON-2: the HTTP client sent a ``session_id`` cookie together with
    ``X-Odoo-Database`` (HTML 403). Use a client without that cookie for JSON-2."""


class ProtocolError(TransportError):
    """The answer is not a valid JSON-RPC envelope for the request that was sent."""


def _rebuild(cls: type[Exception], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    exc = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(kwargs)
    return exc


# --- server errors -------------------------------------------------------------------

_BY_NAME: dict[str, type[ServerError]] = {}
_BY_EXCEPTION_TYPE: dict[str, type[ServerError]] = {}
_BY_CLASS_NAME: dict[str, type[ServerError]] = {}

_METHOD_NOT_FOUND = re.compile(
    r"^(Method not found: |Method not available |type object '[^']*' has no attribute "
    r"|The method '[^']*' does not exist)"
)
_DATABASE_NOT_FOUND = re.compile(r'database "[^"]*" does not exist')
_MODEL_NOT_FOUND = re.compile(r"^(Object \S+ doesn't exist|the model '[^']*' does not exist)")
_BAD_ARGUMENTS = re.compile(
    r"(missing (a|\d+) required (positional |keyword-only )?argument"
    r"|got an unexpected keyword argument|takes .* positional arguments? but .* given"
    r"|got multiple values for argument)"
)


class ServerError(OdooError):
    """Odoo answered with an error. The most specific subclass is chosen by :func:`lookup`.

    Attributes: ``name`` (Odoo's dotted class name), ``message`` (the clean human text),
    ``arguments``, ``context``, ``debug`` (server traceback), ``code`` and ``data`` (raw).
    """

    odoo_names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(
        cls,
        odoo_names: Sequence[str] = (),
        exception_types: Sequence[str] = (),
        **kw: Any,
    ) -> None:
        super().__init_subclass__(**kw)
        cls.odoo_names = tuple(odoo_names)
        for name in odoo_names:
            _BY_NAME[name] = cls
        for etype in exception_types:
            _BY_EXCEPTION_TYPE[etype] = cls
        _BY_CLASS_NAME[cls.__name__] = cls

    def __init__(
        self,
        message: str,
        *,
        name: str = "",
        arguments: Sequence[Any] = (),
        context: Mapping[str, Any] | None = None,
        debug: str = "",
        code: int | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.name = name
        self.arguments = list(arguments)
        self.context = dict(context or {})
        self.debug = debug
        self.code = code
        self.data = dict(data or {})

    def __str__(self) -> str:
        return f"{self.name}: {self.message}" if self.name else self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, name={self.name!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        state = dict(self.__dict__)
        return (_rebuild, (type(self), self.args, state))


class UserError(
    ServerError,
    odoo_names=(
        "odoo.exceptions.UserError",
        "odoo.exceptions.Warning",
        "odoo.exceptions.except_orm",
        "openerp.exceptions.Warning",
        "openerp.osv.orm.except_orm",
    ),
    exception_types=("user_error", "warning", "except_orm"),
):
    """A business error meant for the user (odoo.exceptions.UserError)."""


class AccessDenied(
    UserError,
    odoo_names=("odoo.exceptions.AccessDenied", "werkzeug.exceptions.Unauthorized"),
    exception_types=("access_denied",),
):
    """Wrong login, password, API key or master password, or an unknown uid."""


class AccessError(
    UserError,
    odoo_names=("odoo.exceptions.AccessError",),
    exception_types=("access_error",),
):
    """The user may not do this (access rights, record rules, private methods)."""


class MissingError(
    UserError,
    odoo_names=("odoo.exceptions.MissingError",),
    exception_types=("missing_error",),
):
    """A record was deleted or never existed."""


class ValidationError(
    UserError,
    odoo_names=("odoo.exceptions.ValidationError",),
    exception_types=("validation_error",),
):
    """A constraint refused the values."""


class RedirectWarning(ServerError, odoo_names=("odoo.exceptions.RedirectWarning",)):
    """A warning that proposes an action: ``action_id`` and ``button_text``."""

    @property
    def action_id(self) -> Any:
        return self.arguments[1] if len(self.arguments) > 1 else None

    @property
    def button_text(self) -> Any:
        return self.arguments[2] if len(self.arguments) > 2 else None


class SessionExpired(
    ServerError,
    odoo_names=("odoo.http.SessionExpiredException", "odoo.http.AuthenticationError"),
):
    """The web session is missing or expired (JSON-RPC code 100, web routes only)."""


class NotFound(ServerError, odoo_names=("werkzeug.exceptions.NotFound",)):
    """Something named in the call does not exist: the URL path (check the endpoint URL),
    or, as the subclasses say, the model or the method. JSON-2 answers all three with an
    HTTP 404 ``werkzeug.exceptions.NotFound``; /jsonrpc with their own errors."""


class ModelNotFound(UserError, NotFound):
    """The model does not exist (a UserError over /jsonrpc, an HTTP 404 over JSON-2)."""


class MethodNotFound(NotFound):
    """The service or model has no such method."""


class Json2Unavailable(NotFound):
    """JSON-2 was asked of a server that has none (it arrived in saas-18.4, so Odoo 19):
    one error whatever the older server answered (a JSON-RPC 404 up to 15, an HTML 404 on
    16 and 17, a redirect to the login page or a CSRF refusal on 18). Use /jsonrpc.
    ``code`` is the HTTP status the server answered with."""


class InvalidArguments(ServerError, odoo_names=("werkzeug.exceptions.UnprocessableEntity",)):
    """The method was called with missing, unexpected or wrongly placed arguments."""


class NotSupportedByFake(ServerError, odoo_names=("aio_odoorpc_base.testing.NotSupported",)):
    """:class:`aio_odoorpc_base.testing.FakeOdoo` was asked something a real Odoo answers
    but the fake does not model (the message says what): it refuses instead of answering
    differently, so a test that relies on it fails loudly. Never raised by a real server."""


class DatabaseError(ServerError):
    """PostgreSQL refused the operation (e.g. a database that does not exist)."""


class DatabaseExists(
    DatabaseError,
    odoo_names=("odoo.service.db.DatabaseExists", "psycopg2.errors.DuplicateDatabase"),
):
    """A database with that name exists already."""


class DatabaseNotFound(DatabaseError, NotFound):
    """No database of that name: PostgreSQL's ``database "x" does not exist``, as every
    version reports it for a call on a missing database (or a db command naming one)."""


def lookup(
    name: str,
    exception_type: str | None = None,
    code: int | None = None,
    message: str = "",
) -> type[ServerError]:
    """The exception class for an Odoo error, from its dotted class ``name`` and more.

    First hit wins: unknown model and unknown method messages; a TypeError about
    arguments; the exact name; the Odoo <= 13 ``exception_type``; the last component of
    the name against this module's class names; psycopg errors (a missing database by its
    message); the JSON-RPC code (100
    session expired, 404 not found); ``ServerError``.
    """
    if _MODEL_NOT_FOUND.match(message):
        return ModelNotFound
    if _METHOD_NOT_FOUND.match(message):
        return MethodNotFound
    if name == "builtins.TypeError" and _BAD_ARGUMENTS.search(message):
        return InvalidArguments
    if cls := _BY_NAME.get(name):
        return cls
    if exception_type and (cls := _BY_EXCEPTION_TYPE.get(exception_type)):
        return cls
    short = name.rpartition(".")[2]
    if short and (cls := _BY_CLASS_NAME.get(short)) and name.startswith(("odoo.", "openerp.")):
        return cls
    if name.startswith(("psycopg2.", "psycopg.")):
        return DatabaseNotFound if _DATABASE_NOT_FOUND.search(message) else DatabaseError
    if code == 100:
        return SessionExpired
    if code == 404:
        return NotFound
    return ServerError
