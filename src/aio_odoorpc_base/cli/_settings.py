"""Where the command line finds its settings: options, then environment variables, then
a named profile in the config file. Secrets come from the environment, the system
keyring (when ``keyring`` is installed), a profile that was told to keep them, or a
prompt on a terminal; never from an option, and they are never printed."""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ENV", "Settings", "SettingsError", "config_path", "load_profile", "save_profile"]

ENV = {
    "url": "AIO_ODOO_URL",
    "database": "AIO_ODOO_DB",
    "login": "AIO_ODOO_LOGIN",
    "protocol": "AIO_ODOO_PROTOCOL",
    "timeout": "AIO_ODOO_TIMEOUT",
    "profile": "AIO_ODOO_PROFILE",
    "password": "AIO_ODOO_PASSWORD",
    "api_key": "AIO_ODOO_API_KEY",
    "master_password": "AIO_ODOO_MASTER_PASSWORD",
    "new_admin_password": "AIO_ODOO_NEW_ADMIN_PASSWORD",  # db create: the new database's
}
PLAIN = ("url", "database", "login", "protocol", "timeout")
SECRETS = ("password", "api_key", "master_password", "new_admin_password")
_KEYRING_SERVICE = "aio-odoo"


class SettingsError(Exception):
    """A setting is missing or wrong; the message says how to give it."""


def config_path() -> Path:
    """``$AIO_ODOO_CONFIG``, else ``$XDG_CONFIG_HOME/aio-odoo/profiles.ini``."""
    if explicit := os.environ.get("AIO_ODOO_CONFIG"):
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "aio-odoo" / "profiles.ini"


def _read(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    if path.exists():
        try:
            parser.read(path, encoding="utf-8")
        except configparser.Error as exc:
            raise SettingsError(f"{path} is not a valid profiles file: {exc.message}") from None
    return parser


def load_profile(name: str, path: Path | None = None) -> dict[str, str]:
    path = path or config_path()
    parser = _read(path)
    if not parser.has_section(name):
        known = ", ".join(parser.sections()) or "none"
        raise SettingsError(
            f"no profile {name!r} in {path} (profiles: {known}); make one with "
            "'aio-odoo profile save NAME --url ...'"
        )
    return dict(parser[name])


def save_profile(name: str, values: Mapping[str, str], path: Path | None = None) -> Path:
    """Write profile ``name`` (only the given keys change); the file is private (0600)."""
    path = path or config_path()
    parser = _read(path)
    if not parser.has_section(name):
        parser.add_section(name)
    for key, value in values.items():
        parser[name][key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        parser.write(out)
    os.chmod(path, 0o600)
    return path


def keyring_get(key: str) -> str | None:
    try:
        import keyring  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    try:
        found = keyring.get_password(_KEYRING_SERVICE, key)
    except Exception:  # no backend, locked keyring: as if absent
        return None
    return found if isinstance(found, str) else None


@dataclass
class Settings:
    """What one run of the command line works with. Secrets are looked up on first use."""

    url: str | None = None
    database: str | None = None
    login: str | None = None
    protocol: str = "auto"
    timeout: float | None = None
    profile: str | None = None
    stored: dict[str, str] = field(default_factory=dict, repr=False)
    prompt: Callable[[str], str] | None = field(default=None, repr=False)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False)
    _secrets: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        options: Mapping[str, Any],
        *,
        prompt: Callable[[str], str] | None = None,
        environ: Mapping[str, str] | None = None,
        path: Path | None = None,
    ) -> Settings:
        env = os.environ if environ is None else environ
        profile = options.get("profile") or env.get(ENV["profile"])
        stored = load_profile(profile, path) if profile else {}
        values: dict[str, Any] = {}
        for key in PLAIN:
            value = options.get(key)
            if value is None:
                value = env.get(ENV[key]) or stored.get(key)
            values[key] = value
        timeout = values["timeout"]
        try:
            timeout = float(timeout) if timeout not in (None, "") else None
        except ValueError:
            raise SettingsError(f"timeout must be a number of seconds, got {timeout!r}") from None
        protocol = values["protocol"] or "auto"
        if protocol not in ("auto", "jsonrpc", "json2"):
            raise SettingsError(f"protocol must be auto, jsonrpc or json2, got {protocol!r}")
        return cls(
            url=values["url"],
            database=values["database"],
            login=values["login"],
            protocol=protocol,
            timeout=timeout,
            profile=profile,
            stored=stored,
            prompt=prompt,
            environ=env,
        )

    def need_url(self) -> str:
        if not self.url:
            raise SettingsError(
                f"no server URL: pass --url, set {ENV['url']}, or use a profile (--profile)"
            )
        return self.url

    def need_database(self) -> str:
        if not self.database:
            raise SettingsError(
                f"no database selected: pass --database, set {ENV['database']}, or use a "
                "profile ('aio-odoo db list' shows the databases)"
            )
        return self.database

    def secret(self, name: str, *, required: bool = True, label: str = "") -> str | None:
        """``password``, ``api_key`` or ``master_password``: environment, keyring,
        profile, then a prompt on a terminal."""
        if name in self._secrets:
            return self._secrets[name]
        value = self.environ.get(ENV[name]) or None
        if value is None:
            value = keyring_get(f"{self.url or ''}|{self.database or ''}|{self.login or ''}|{name}")
        if value is None:
            value = self.stored.get(name) or None
        if value is None and required and self.prompt is not None and sys.stdin.isatty():
            value = self.prompt(label or name.replace("_", " ").capitalize()) or None
        if value is None and required:
            raise SettingsError(
                f"no {name.replace('_', ' ')}: set {ENV[name]}, store it in the system "
                "keyring (pip install keyring), or run on a terminal to be asked"
            )
        self._secrets[name] = value
        return value
