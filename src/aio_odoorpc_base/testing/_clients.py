"""The client factories that FakeOdoo and RealOdoo share, so one test runs on both."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .. import sync
    from .._async.client import AsyncOdooRPC

__all__ = ["ClientFactory"]


class _Server(Protocol):
    @property
    def url(self) -> str: ...
    @property
    def database(self) -> str: ...
    @property
    def login(self) -> str: ...
    @property
    def password(self) -> str: ...


class ClientFactory:
    """``client()`` and ``aclient()``: client objects logged in with the server's
    ``url``, ``database``, ``login`` and ``password``."""

    def client(self: _Server, **options: Any) -> sync.OdooRPC:
        """A sync client object (``with`` it)."""
        from ..sync import OdooRPC

        return OdooRPC(self.url, database=self.database, login=self.login,
                       password=self.password, **options)  # fmt: skip

    def aclient(self: _Server, **options: Any) -> AsyncOdooRPC:
        """An async client object (``async with`` it)."""
        from .._async.client import AsyncOdooRPC

        return AsyncOdooRPC(self.url, database=self.database, login=self.login,
                            password=self.password, **options)  # fmt: skip
