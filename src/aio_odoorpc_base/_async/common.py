"""The ``common`` service (odoo/service/common.py): version, login, authenticate, about."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, cast, overload

from .._protocol.args import need_bool, need_mapping, need_name, need_str
from .._protocol.results import about_pair
from ..types import AsyncHttpClient, Uid, VersionInfo
from ._rpc import jsonrpc

__all__ = ["about", "authenticate", "login", "set_loglevel", "version"]


@overload
async def about(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    extended: Literal[False] = False,
    timeout: float | None = None,
) -> str: ...
@overload
async def about(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    extended: Literal[True],
    timeout: float | None = None,
) -> list[str]: ...
@overload
async def about(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    extended: bool,
    timeout: float | None = None,
) -> str | list[str]: ...
async def about(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    extended: bool = False,
    timeout: float | None = None,
) -> str | list[str]:
    """The server's about text; with ``extended=True`` Odoo's ``[text, version]``."""
    if need_bool("extended", extended):
        return about_pair(
            await jsonrpc(
                http_client,
                url,
                service="common",
                method="about",
                args=[True],
                timeout=timeout,
            )
        )
    return cast(
        str,
        await jsonrpc(http_client, url, service="common", method="about", timeout=timeout),
    )


async def login(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    db: str,
    login: str,
    password: str,
    timeout: float | None = None,
) -> Uid:
    """The uid of ``login`` in ``db``, or False when the credentials are refused.

    A database that does not exist raises (DatabaseError), it does not return False.
    """
    args = [
        need_name("db", db),
        need_name("login", login),
        need_str("password", password),
    ]
    return cast(
        Uid,
        await jsonrpc(
            http_client,
            url,
            service="common",
            method="login",
            args=args,
            timeout=timeout,
        ),
    )


async def authenticate(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    db: str,
    login: str,
    password: str,
    user_agent_env: Mapping[str, Any] | None = None,
    timeout: float | None = None,
) -> Uid:
    """Like :func:`login`, with a ``user_agent_env`` dict.

    Odoo reads only ``base_location`` from it: for an administrator it rewrites the
    ``web.base.url`` system parameter. Prefer :func:`login` unless that is intended.
    """
    env = {} if user_agent_env is None else dict(need_mapping("user_agent_env", user_agent_env))
    args = [
        need_name("db", db),
        need_name("login", login),
        need_str("password", password),
        env,
    ]
    return cast(
        Uid,
        await jsonrpc(
            http_client,
            url,
            service="common",
            method="authenticate",
            args=args,
            timeout=timeout,
        ),
    )


async def version(
    http_client: AsyncHttpClient, url: str = "", *, timeout: float | None = None
) -> VersionInfo:
    """The server version: server_version, server_version_info, server_serie,
    protocol_version. No authentication needed."""
    return cast(
        VersionInfo,
        await jsonrpc(http_client, url, service="common", method="version", timeout=timeout),
    )


async def set_loglevel(
    http_client: AsyncHttpClient,
    url: str = "",
    *,
    loglevel: str,
    logger: str | None = None,
    timeout: float | None = None,
) -> bool:
    """``common.set_loglevel``: kept by Odoo for compatibility, it changes nothing."""
    args: list[Any] = [need_str("loglevel", loglevel)]
    if logger is not None:
        args.append(need_str("logger", logger))
    return cast(
        bool,
        await jsonrpc(
            http_client,
            url,
            service="common",
            method="set_loglevel",
            args=args,
            timeout=timeout,
        ),
    )
