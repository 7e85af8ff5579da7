"""Shared, I/O-free pieces of the client object: the ORM signature table that turns
positional arguments into JSON-2's named ones, context merging and the retry policy."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConnectError, HTTPStatusError, TransportTimeout

__all__ = ["Retry", "merge_context", "named_arguments"]


# Positional parameters of the standard ORM methods, after ``self`` (and ``ids`` for the
# record methods), as odoo/orm/models.py (19) and odoo/models.py (11-18) declare them.
SIGNATURES: dict[str, tuple[str, ...]] = {
    "search": ("domain", "offset", "limit", "order"),
    "search_count": ("domain", "limit"),
    "search_read": ("domain", "fields", "offset", "limit", "order"),
    "read": ("fields", "load"),
    "create": ("vals_list",),
    "write": ("vals",),
    "unlink": (),
    "read_group": ("domain", "fields", "groupby", "offset", "limit", "orderby", "lazy"),
    "fields_get": ("allfields", "attributes"),
    "name_search": ("name", "domain", "operator", "limit"),
    "name_create": ("name",),
    "default_get": ("fields_list",),
    "copy": ("default",),
    "check_access_rights": ("operation", "raise_exception"),
    "has_access": ("operation",),
    "exists": (),
}
RECORD_METHODS = frozenset({"read", "write", "unlink", "copy", "exists", "has_access"})
READ_ONLY = frozenset(
    {
        "search",
        "search_count",
        "search_read",
        "search_fetch",
        "read",
        "read_group",
        "formatted_read_group",
        "fields_get",
        "name_search",
        "name_get",
        "default_get",
        "check_access_rights",
        "has_access",
        "context_get",
        "exists",
    }
)
RETRY_STATUSES = frozenset({429, 502, 503, 504})


def named_arguments(
    model: str, method: str, args: Sequence[Any], kwargs: Mapping[str, Any]
) -> tuple[list[int] | None, dict[str, Any]]:
    """``(ids, named arguments)`` for a JSON-2 call of ``method(*args, **kwargs)``."""
    params = dict(kwargs)
    ids = params.pop("ids", None)
    args = list(args)
    if method in RECORD_METHODS and args and ids is None:
        ids = args.pop(0)
    if args:
        names = SIGNATURES.get(method)
        if names is None:
            raise TypeError(
                f"{model}.{method}: JSON-2 takes named arguments only, and {method!r} is "
                "not a standard ORM method whose parameter names are known: pass its "
                "arguments as keywords, e.g. call(method, ids=[...], name=value)"
            )
        if len(args) > len(names):
            raise TypeError(
                f"{model}.{method} takes at most {len(names)} positional arguments "
                f"({', '.join(names) or 'none'}), got {len(args)}"
            )
        for name, value in zip(names, args, strict=False):
            if name in params:
                raise TypeError(f"{model}.{method} got multiple values for {name!r}")
            params[name] = value
    if method == "name_search" and "args" in params and "domain" not in params:
        params["domain"] = params.pop("args")  # Odoo <= 17 called it args
    return ids, params


def merge_context(
    default: Mapping[str, Any] | None, given: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    """The client's context updated with the call's; a new dict, or None if both are."""
    if not default and given is None:
        return None
    return {**(default or {}), **(given or {})}


@dataclass(frozen=True)
class Retry:
    """When and how to try again. Only failures where retrying is safe count: the
    connection could not be made (nothing was sent), or a proxy answered 429, 502, 503
    or 504 for a read-only method (or a call marked ``idempotent``); with
    ``timeouts=True`` also a read-only call whose answer did not come in time."""

    attempts: int = 3
    backoff: float = 0.5
    max_backoff: float = 30.0
    jitter: float = 0.5
    timeouts: bool = False
    """Also retry read-only (or idempotent) calls that timed out waiting for the answer."""

    def delay(self, attempt: int, exc: BaseException) -> float:
        after = getattr(exc, "retry_after", None)
        if isinstance(after, int | float):
            return min(float(after), self.max_backoff)
        base = min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff)
        return base * (1 + random.uniform(-self.jitter, self.jitter))

    def should_retry(self, exc: BaseException, attempt: int, safe: bool) -> bool:
        if attempt >= self.attempts:
            return False
        if isinstance(exc, ConnectError):
            return True
        if self.timeouts and safe and isinstance(exc, TransportTimeout):
            return True
        return safe and isinstance(exc, HTTPStatusError) and exc.status_code in RETRY_STATUSES


NO_RETRY = Retry(attempts=1)
