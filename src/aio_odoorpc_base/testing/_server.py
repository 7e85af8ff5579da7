"""``FakeOdoo``: a loopback HTTP server that answers like a chosen Odoo version, over an
in-memory store, for testing code that talks to Odoo without running Odoo."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from . import _replies as r
from ._clients import ClientFactory
from ._store import ArgumentsFault, Failure, Fault, Store

if TYPE_CHECKING:
    pass

__all__ = ["FakeOdoo", "FakeRequest"]

_VERSIONS = {11: "11.0", 12: "12.0", 13: "13.0", 14: "14.0", 15: "15.0", 16: "16.0",
             17: "17.0", 18: "18.0", 19: "19.0", 20: "20.0"}  # fmt: skip
_NO_DB = (
    "No database is selected and the requested URL was not found in the server-wide " "controllers."
)


@dataclass(frozen=True)
class FakeRequest:
    """One request the fake received; secrets (passwords, API keys) are not kept."""

    path: str
    protocol: str  # "jsonrpc", "json2" or "web"
    service: str | None = None
    method: str | None = None
    model: str | None = None
    database: str | None = None
    uid: int | None = None
    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class _User:
    uid: int
    login: str
    password: str = field(repr=False)
    api_key: str | None = field(repr=False)


class FakeOdoo(ClientFactory):
    """A fake Odoo server on 127.0.0.1, for tests.

    ``version`` ("11.0" to "20.0"; 11, 17 and 19 are modelled on real servers) sets the
    APIs and the shape of every answer: /jsonrpc (gone in 20), JSON-2 from 19, the error
    envelopes and messages of that version. One user exists: ``login``/``password``
    (``admin``/``admin``) with the API key ``api_key``; ``add_user`` makes more. Records
    live in memory (``add``, ``records``, ``define``); ``fail`` registers failures;
    ``requests`` lists what was asked. Use it as a context manager, sync or async::

        with FakeOdoo("19.0") as odoo:
            odoo.add("res.partner", [{"name": "Acme", "is_company": True}])
            client = OdooRPC(odoo.url, database=odoo.database, api_key=odoo.api_key)
    """

    def __init__(
        self,
        version: str = "19.0",
        *,
        database: str = "fake",
        databases: Iterable[str] = (),
        login: str = "admin",
        password: str = "admin",
        api_key: str | None = None,
        port: int = 0,
    ) -> None:
        try:
            self.major = int(str(version).split(".")[0].removeprefix("saas~"))
        except ValueError:
            self.major = 0
        if self.major not in _VERSIONS:
            raise ValueError(
                f"version must be one of {', '.join(_VERSIONS.values())}, got {version!r}"
            )
        self.version = _VERSIONS[self.major]
        self.database = database
        self.databases = [database, *[d for d in databases if d != database]]
        self.login = login
        self.password = password
        self.api_key = api_key or f"fake{secrets.token_hex(18)}"
        self.store = Store(self.major)
        self.requests: list[FakeRequest] = []
        self._users: list[_User] = []
        self.uid = self.add_user(login, password, api_key=self.api_key, name="Administrator")
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        state = self.url if self._server else "stopped"
        return f"<FakeOdoo {self.version} {state}>"

    kind = "fake"  # as RealOdoo.kind: "real"

    # --- life -----------------------------------------------------------------------

    def start(self) -> FakeOdoo:
        if self._server is None:
            self._server = ThreadingHTTPServer(("127.0.0.1", self._port), _handler(self))
            self._server.daemon_threads = True
            self._thread = threading.Thread(
                target=self._server.serve_forever, args=(0.05,), name="FakeOdoo", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeOdoo:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def __aenter__(self) -> FakeOdoo:
        return self.start()

    async def __aexit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The server's root, such as ``http://127.0.0.1:40123``."""
        if self._server is None:
            raise RuntimeError(
                "the FakeOdoo is not started: use it in a with block or call start()"
            )
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def jsonrpc_url(self) -> str:
        return f"{self.url}/jsonrpc"

    # --- data -----------------------------------------------------------------------

    def add_user(
        self, login: str, password: str, *, api_key: str | None = None, name: str | None = None
    ) -> int:
        """A user who can log in with ``password`` (or call JSON-2 with ``api_key``)."""
        [uid] = self.store.add(
            "res.users",
            {"login": login, "name": name or login, "active": True},
            uid=getattr(self, "uid", 1),
        )
        self._users.append(_User(uid, login, password, api_key))
        return uid

    def define(
        self,
        model: str,
        fields: Mapping[str, str] | Iterable[str] = (),
        *,
        required: Mapping[str, str] | Iterable[str] = (),
        order: str | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """Declare a model (or more fields): ``{"name": "char", "partner_id":
        "many2one:res.partner"}``; ``required`` fields (or field -> message) make create
        and write fail with ValidationError when unset; ``order`` is its default order;
        ``labels`` the fields' strings in fields_get."""
        self.store.define(model, fields, required=required, order=order, labels=labels)

    def add(
        self, model: str, records: Mapping[str, Any] | Iterable[Mapping[str, Any]]
    ) -> list[int]:
        """Put records in ``model`` as they are (an ``id`` is kept when free); their
        fields join the model. Records of the standard models get ``create_date`` and
        ``write_date`` (now) and ``create_uid``/``write_uid`` (this fake's user) unless
        given, as the ORM sets them. A many2many takes a list of ids; command tuples and
        one2many values (Odoo reads those from the other side) are refused with a
        ValueError. Returns the ids."""
        return self.store.add(model, records, uid=self.uid)

    def records(self, model: str) -> list[dict[str, Any]]:
        """A copy of every record of ``model``, by id."""
        return self.store.records(model)

    def fail(
        self,
        model: str,
        method: str,
        error: str = "UserError",
        message: str = "the fake Odoo was told to fail",
        *,
        when: Callable[[list[Any], dict[str, Any]], bool] | None = None,
        times: int | None = None,
    ) -> None:
        """Make ``model.method`` fail with Odoo's ``error`` (UserError, ValidationError,
        AccessError, AccessDenied or MissingError), when ``when(args, kwargs)`` says so,
        ``times`` times (default: always)."""
        kind = r.PUBLIC_KINDS.get(error.rpartition(".")[2])
        if kind is None:
            raise ValueError(f"error must be one of {', '.join(r.PUBLIC_KINDS)}, got {error!r}")
        with self.store.lock:
            self.store.failures.append(Failure(model, method, kind, message, when, times))

    # --- answering ------------------------------------------------------------------

    def _accepts(self, user: _User, password: Any) -> bool:
        """The password, or from Odoo 14 on the user's API key in its place."""
        return password == user.password or (self.major >= 14 and password == user.api_key)

    def _user(self, uid: Any, password: Any) -> _User:
        for user in self._users:
            if user.uid == uid:
                if self._accepts(user, password):
                    return user
                break
        else:
            if self.major >= 17 and isinstance(uid, int):
                raise Fault(
                    "missing",
                    "Record does not exist or has been deleted.\n"
                    f"(Record: res.users({uid},), User: {uid})",
                )
        raise Fault("access_denied", "Access denied" if self.major < 17 else "Access Denied")

    def _check_db(self, db: Any) -> None:
        if db not in self.databases:
            raise Fault(
                "database",
                f'connection to server at "127.0.0.1", port 5432 failed: FATAL:  database '
                f'"{db}" does not exist\n',
            )

    def jsonrpc(self, body: Any) -> dict[str, Any]:
        rid = body.get("id") if isinstance(body, dict) else None
        try:
            return r.jsonrpc_result(rid, self._dispatch(body))
        except Fault as fault:
            return r.jsonrpc_error(self.major, rid, fault.kind, fault.message)

    def _dispatch(self, body: Any) -> Any:
        params = body.get("params") if isinstance(body, dict) else None
        if not isinstance(params, dict):
            raise Fault("key_error", "params")
        service, method, args = params.get("service"), params.get("method"), params.get("args")
        if not isinstance(args, list):
            args = []
        seen = FakeRequest("/jsonrpc", "jsonrpc", service=service, method=method)
        if service == "common":
            self.requests.append(seen)
            return self._common(str(method), args)
        if service == "db":
            self.requests.append(seen)
            return self._db(str(method), args)
        if service != "object":
            raise Fault("key_error", str(service))
        if method not in ("execute", "execute_kw"):
            raise Fault("attribute_error", f"Method not available {method}")
        if len(args) < 5:
            raise Fault("type_error", f"{method}() missing required positional arguments")
        db, uid, password, model, name = args[:5]
        rest = args[5:]
        kwargs: dict[str, Any] = {}
        if method == "execute_kw":
            positional = rest[0] if rest else []
            kwargs = rest[1] if len(rest) > 1 and isinstance(rest[1], dict) else {}
            if not isinstance(positional, list):
                raise Fault("value_error", "args must be a list")
            rest = positional
        self.requests.append(
            FakeRequest(
                "/jsonrpc",
                "jsonrpc",
                "object",
                str(name),
                str(model),
                db,
                uid,
                list(rest),
                dict(kwargs),
            )  # fmt: skip
        )
        self._check_db(db)
        user = self._user(uid, password)
        return self.store.call(str(model), str(name), list(rest), kwargs, user.uid)

    def _common(self, method: str, args: list[Any]) -> Any:
        if method == "version":
            return self.version_info()
        if method in ("login", "authenticate"):
            db, login, password = [*args, None, None, None][:3]
            self._check_db(db)
            for user in self._users:
                if user.login == login and self._accepts(user, password):
                    return user.uid
            return False
        if method == "about":
            return "See http://openerp.com"
        raise (
            Fault("key_error", method)
            if self.major < 17
            else Fault(
                "attribute_error", f"module 'odoo.service.common' has no attribute 'exp_{method}'"
            )
        )

    def _db(self, method: str, args: list[Any]) -> Any:
        if self.major >= 20:
            raise Fault("key_error", "db")
        if method == "list":
            return list(self.databases)
        if method == "server_version":
            return self.version
        if method == "db_exist":
            return bool(args) and args[0] in self.databases
        raise Fault("not_implemented", f"the fake Odoo does not implement db.{method}")

    def version_info(self) -> dict[str, Any]:
        return {
            "server_version": self.version,
            "server_version_info": [self.major, 0, 0, "final", 0, ""],
            "server_serie": self.version,
            "protocol_version": 1,
        }

    def json2(
        self, model: str, method: str, headers: Mapping[str, str], raw: bytes
    ) -> tuple[int, Any]:
        """status and body of ``POST /json/2/<model>/<method>``; a bytes body is HTML."""
        auth = headers.get("authorization", "")
        db = headers.get("x-odoo-database")
        if (db is not None and db not in self.databases) or (
            db is None and len(self.databases) > 1
        ):
            return 404, r.html_page(404, _NO_DB)
        if not auth.lower().startswith("bearer "):
            return r.werkzeug_error(
                401, "User not authenticated, use an API Key with a Bearer Authorization header."
            )
        key = auth[7:].strip()
        user = next((u for u in self._users if u.api_key is not None and u.api_key == key), None)
        if user is None:
            return r.werkzeug_error(401, "Invalid apikey")
        try:
            body = json.loads(raw or b"{}")
        except ValueError as exc:
            return r.werkzeug_error(400, f"could not parse the body as json: {exc}")
        if not isinstance(body, dict):
            body = {}
        body.pop("context", None)
        ids = body.pop("ids", None)
        self.requests.append(
            FakeRequest(
                f"/json/2/{model}/{method}",
                "json2",
                None,
                method,
                model,
                db or self.database,
                user.uid,
                [] if ids is None else [ids],
                dict(body),
            )  # fmt: skip
        )
        try:
            if model not in self.store.models:
                raise Fault("unknown_model", f"the model '{model}' does not exist")
            names = list(self.store.signature(model, method).parameters)
            takes_ids = names[1:2] == ["ids"]  # after the model
            if ids is not None and not takes_ids:
                return r.werkzeug_error(422, f"cannot call {model}.{method} with ids")
            args = [ids if ids is not None else []] if takes_ids else []
            result = self.store.call(model, method, args, body, user.uid)
            if method == "create" and isinstance(result, int):
                result = [result]
            return 200, result
        except ArgumentsFault as fault:
            return r.werkzeug_error(422, fault.reason)
        except Fault as fault:
            if fault.kind == "unknown_method":
                fault = Fault("unknown_method", f"The method '{model}.{method}' does not exist")
            return r.json2_error(fault.kind, fault.message)


def _request_id(raw: bytes) -> Any:
    """The JSON-RPC id of a request body (None when it has none or is not JSON)."""
    try:
        return json.loads(raw).get("id")
    except (ValueError, AttributeError):
        return None


def _handler(fake: FakeOdoo) -> type[BaseHTTPRequestHandler]:
    json_type = "application/json" if fake.major < 17 else "application/json; charset=utf-8"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go in two writes
        server_version = "Werkzeug/3.0.1"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def send_json(self, status: int, value: Any) -> None:
            if isinstance(value, bytes):
                self.send(status, value, "text/html; charset=utf-8")
            else:
                self.send(status, r.dumps(value), json_type)

        def read_body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path in ("/web/version", "/json/version") and fake.major >= 16:
                info = fake.version_info()
                fake.requests.append(FakeRequest(path, "web"))
                self.send_json(200, {"version_info": info["server_version_info"],
                                     "version": info["server_version"]})  # fmt: skip
                return
            self.send(404, r.html_page(404, "The requested URL was not found on the server."),
                      "text/html; charset=utf-8")  # fmt: skip

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            raw = self.read_body()
            if path == "/jsonrpc" and fake.major < 20:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                self.send_json(200, fake.jsonrpc(body))
                return
            if path == "/web/database/list":
                fake.requests.append(FakeRequest(path, "web"))
                self.send_json(200, r.jsonrpc_result(_request_id(raw), list(fake.databases)))
                return
            if path.startswith("/json/2/") and fake.major >= 19:
                parts = [unquote(p) for p in path[len("/json/2/") :].split("/")]
                if len(parts) != 2 or not all(parts):
                    self.send_json(
                        *r.werkzeug_error(404, "Did you mean POST /json/2/<model>/<method>?")
                    )
                    return
                ctype = (self.headers.get("Content-Type") or "").lower()
                if raw and "json" not in ctype:
                    page = r.html_page(415, "Request inferred type is compatible with ['json']")
                    self.send(415, page, "text/html; charset=utf-8")
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                self.send_json(*fake.json2(parts[0], parts[1], headers, raw))
                return
            self.no_route(path, raw)

        def no_route(self, path: str, raw: bytes) -> None:
            """A POST to a path this version does not serve, answered as that version
            does (JSON-2 before 19 among them)."""
            ctype = (self.headers.get("Content-Type") or "").lower()
            if fake.major < 16 and "json" in ctype:
                # 11 (real) to 15 (reported): a JSON request gets a JSON-RPC 404
                self.send_json(404, r.jsonrpc_not_found(_request_id(raw)))
                return
            if fake.major == 18 and path.startswith("/json/") and len(fake.databases) == 1:
                # 18: /json/<path> is an auth='user' page: a visitor goes to the login page
                self.send_response(303)
                target = quote(f"{path}?", safe="")
                self.send_header("Location", f"/web/login?redirect={target}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send(404, r.html_page(404, "The requested URL was not found on the server."),
                      "text/html; charset=utf-8")  # fmt: skip

    return Handler
