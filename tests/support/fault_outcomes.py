"""What each misbehaviour of the fault server must turn into, per API surface and client
kind: the rules the fault tests assert and ``docs/faults.md`` shows (a test keeps the
two the same: ``python -m tests.support.fault_outcomes`` prints the table).

An outcome is ``OK`` (the call returns normally), ``LATE`` (it returns normally, but only
after the server finished: the client kind cannot bound that phase), or the exception
class the call raises.
"""

from __future__ import annotations

from aio_odoorpc_base import errors

OK = "returns"
LATE = "returns late"

SURFACES = ("jsonrpc", "json2", "web")
SYNC_KINDS = ("builtin", "httpx", "requests", "urllib-generic", "urllib-poster")
ASYNC_KINDS = ("builtin", "httpx", "aiohttp", "generic", "poster")
STREAMING = ("builtin", "httpx", "requests", "aiohttp")
# a timeout cannot be given to a callable: cases that need one are not run for posters
NEEDS_TIMEOUT = frozenset({"silent", "headers-then-stall", "slow-drip-headers", "slow-drip-body"})
TIMEOUT = 0.3  # seconds, for every call of the fault tests

Outcome = str | type[Exception]

_FINE = {"healthy", "chunked", "gzip", "http10-close-delimited", "100-continue", "large-reply"}
_STATUS = {"html-401", "html-413", "html-502", "html-503"}
_REDIRECT = {"redirect-301", "redirect-302", "redirect-307"}
_GARBAGE = {"empty-200", "html-200", "invalid-utf8-200", "not-an-object-200", "deeply-nested-200"}
_ERRORS = {
    "error-is-a-string",
    "error-is-a-list",
    "error-without-data",
    "error-unknown-name",
    "error-huge-debug",
    "echoed-secret",
}


def late(case: str, kind: str, is_async: bool) -> bool:
    """The outcome comes only when the server ends the phase the client cannot bound:
    httpx.Client and requests apply the timeout to each read while headers arrive (the
    library checks the deadline once they are in), and urllib to each read throughout."""
    if kind.startswith("urllib"):
        return case in ("slow-drip-headers", "slow-drip-body")
    return not is_async and kind in ("httpx", "requests") and case == "slow-drip-headers"


def web_form(surface: str, kind: str) -> bool:
    """The web surface is a form route (drop) for clients that can post forms, the JSON
    route /web/database/list for the others."""
    return surface == "web" and kind in STREAMING


def outcome(case: str, surface: str, kind: str, is_async: bool) -> Outcome:
    poster = kind.endswith("poster")
    urllib = kind.startswith("urllib")  # a sync generic client on urllib: user territory
    status_hidden = poster and surface != "json2"  # a callable hands back the decoded body
    form = web_form(surface, kind)
    if case in _FINE:
        return errors.ProtocolError if case == "gzip" and urllib else OK  # urllib: no gzip
    if case == "accepted-then-closed" or case in ("short-body", "reset-mid-body"):
        return errors.TransportError
    if case in ("silent", "headers-then-stall"):
        return errors.TransportTimeout
    if case == "slow-drip-headers":
        # httpx.Client and requests see the deadline once the headers are in: a complete
        # answer (the form's redirect has no body) is returned, late
        if urllib or (form and not is_async and kind in ("httpx", "requests")):
            return LATE
        return errors.TransportTimeout
    if case == "slow-drip-body":
        if urllib or (kind == "requests" and form):  # requests reads a redirect's body itself
            return LATE
        return errors.TransportTimeout
    if case in _REDIRECT:
        if form and case != "redirect-307":
            return OK  # the web forms answer a success with a 301, 302 or 303
        # (urllib follows 301 and 302 as a GET, gets the same redirect again, and stops)
        return errors.ProtocolError if status_hidden else errors.HTTPStatusError
    if case in _STATUS:
        return errors.ProtocolError if status_hidden else errors.HTTPStatusError
    if case in _GARBAGE:
        if case == "not-an-object-200" and surface == "json2":
            return OK  # a JSON-2 result may be any JSON value
        return errors.ProtocolError
    if case == "wrong-id":
        return OK if surface == "json2" or form else errors.ProtocolError
    if case in _ERRORS:
        return _error(case, surface, form)
    raise AssertionError(f"no outcome for {case}")


def _error(case: str, surface: str, form: bool) -> Outcome:
    if case == "echoed-secret":
        return errors.DatabaseError if form else errors.AccessDenied
    if form:
        return errors.ProtocolError  # a JSON answer where a page or a redirect belongs
    if case == "error-huge-debug":
        return errors.UserError
    if surface == "json2" and case != "error-unknown-name":
        return errors.HTTPStatusError  # not an error object: no "name"
    return errors.ServerError


def name(value: Outcome) -> str:
    return value if isinstance(value, str) else value.__name__


def table() -> str:
    """The outcome table of docs/faults.md."""
    from .fault_server import FAULTS

    kinds = [("sync", k) for k in SYNC_KINDS] + [("async", k) for k in ASYNC_KINDS]
    lines = []
    for surface in SURFACES:
        lines.append(f"\n### {surface}\n")
        lines.append("| fault | " + " | ".join(f"{k} ({f})" for f, k in kinds) + " |")
        lines.append("|---" * (len(kinds) + 1) + "|")
        for case in FAULTS:
            cells = []
            for flavour, kind in kinds:
                if kind.endswith("poster") and case in NEEDS_TIMEOUT:
                    cells.append("n/a")
                else:
                    is_async = flavour == "async"
                    text = name(outcome(case, surface, kind, is_async))
                    if text != LATE and late(case, kind, is_async):
                        text += " (late)"
                    cells.append(text)
            lines.append(f"| {case} | " + " | ".join(cells) + " |")
    return "\n".join(lines).lstrip("\n") + "\n"


if __name__ == "__main__":
    print(table(), end="")
