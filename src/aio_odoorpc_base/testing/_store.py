"""The fake Odoo's in-memory models and the ORM methods it answers, as each Odoo version
does. No HTTP here: :class:`Store` takes a call and returns its result or raises
:class:`Fault`, which the server turns into the version's error reply."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._domain import DomainError, Unsupported, matcher, sort

__all__ = ["FIELD_TYPES", "ArgumentsFault", "Failure", "Fault", "Store"]

FIELD_TYPES = frozenset(
    {
        "boolean",
        "integer",
        "float",
        "monetary",
        "char",
        "text",
        "html",
        "date",
        "datetime",
        "selection",
        "binary",
        "json",
        "many2one",
        "one2many",
        "many2many",
    }  # fmt: skip
)
_LISTS = ("one2many", "many2many")
# ORM methods a real Odoo answers (in some version) that the fake does not model: refused,
# never answered as "does not exist"
_NOT_MODELLED = frozenset({
    "name_create", "copy", "copy_data", "default_get", "exists", "read_group",
    "formatted_read_group", "web_read_group", "web_search_read", "web_read", "onchange",
    "toggle_active", "action_archive", "action_unarchive", "get_metadata", "export_data",
    "load", "search_fetch", "check_access", "check_access_rule", "get_external_id",
    "fields_view_get", "get_views", "read_progress_bar", "search_panel_select_range",
    "browse", "ensure_one", "mapped", "filtered", "sorted",
})  # fmt: skip
# methods whose signature changed: before that major version, the store's older variant
# (checked against the real Odoo 11, 17, 18 and 19)
_BEFORE = {
    "name_search": (19, "_name_search_args"),
    "search": (17, "_search_with_count"),
    "search_count": (17, "_search_count_no_limit"),
}


class Fault(Exception):
    """An error Odoo would raise: ``kind`` picks its Odoo class (see ``_replies.KINDS``)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class ArgumentsFault(Fault):
    """The arguments do not fit the method: a TypeError over /jsonrpc, a 422 over JSON-2
    (``reason`` is Python's own text, which is also what Odoo sends)."""

    def __init__(self, method: str, reason: str) -> None:
        super().__init__("type_error", f"{method}() {reason}")
        self.reason = reason


@dataclass
class Failure:
    """A failure the test registered with :meth:`FakeOdoo.fail`."""

    model: str
    method: str
    kind: str
    message: str
    when: Callable[[list[Any], dict[str, Any]], bool] | None
    times: int | None


@dataclass
class Model:
    name: str
    fields: dict[str, str]  # name -> type; "many2one:res.partner" style targets below
    targets: dict[str, str]
    required: dict[str, str]  # name -> message when unset (and required in fields_get)
    checks: dict[str, str]  # name -> message when unset (a constraint, as res.partner's name)
    order: str
    records: dict[int, dict[str, Any]]
    labels: dict[str, str] = dataclasses.field(default_factory=dict)  # fields_get "string"
    next_id: int = 1


class _Commands(list[tuple[Any, ...]]):
    """x2many commands of a create/write, applied when the record is stored."""


def _infer(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, list | tuple):
        return "many2many"
    if isinstance(value, dict):
        return "json"
    return "char"


def _unset(value: Any) -> bool:
    return value is None or value is False


class Store:
    """Models, users and registered failures of one fake server, behind one lock."""

    def __init__(self, major: int) -> None:
        self.major = major
        self.lock = threading.RLock()
        self.models: dict[str, Model] = {}
        self.failures: list[Failure] = []
        self.context: dict[str, Any] = {}  # the running call's (calls hold the lock)
        self.define("res.users", {"name": "char", "login": "char", "active": "boolean"})
        if major >= 12:  # uid 1 is the superuser (__system__) from Odoo 12 on: admin is 2
            self.models["res.users"].next_id = 2
        self.define(
            "res.partner",
            {
                "name": "char",
                "email": "char",
                "phone": "char",
                "ref": "char",
                "comment": "text",
                "is_company": "boolean",
                "active": "boolean",
                "parent_id": "many2one:res.partner",
            },
            # 11-15: display_name ("Company, Name"); 16+: complete_name, the same text
            order="display_name" if major < 16 else "complete_name asc, id desc",
            labels={
                "is_company": "Is a Company",
                "ref": "Reference",
                "comment": "Notes",
                "parent_id": "Related Company",
            },  # fmt: skip
        )
        self.models["res.partner"].checks["name"] = "Contacts require a name"
        self.define(
            "res.partner.category",
            {
                "name": "char",
                "color": "integer",
                "active": "boolean",
                "parent_id": "many2one:res.partner.category",
            },  # fmt: skip
            required={"name": "Tag Name"},
            # 11: "parent_left, name", the creation order of top-level tags (nested ones
            # are refused, see _sorted)
            order="name, id" if major >= 19 else "name" if major >= 12 else "id",
        )
        self.define("res.partner", {"category_id": "many2many:res.partner.category"})

    # --- set up ---------------------------------------------------------------------

    def define(
        self,
        name: str,
        fields: Mapping[str, str] | Iterable[str] = (),
        *,
        required: Mapping[str, str] | Iterable[str] = (),
        order: str | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        with self.lock:
            model = self.models.get(name)
            if model is None:
                model = self.models[name] = Model(name, {}, {}, {}, {}, order or "id", {})
            elif order is not None:
                model.order = order
            items = fields.items() if isinstance(fields, Mapping) else ((f, "char") for f in fields)
            model.labels.update(labels or {})
            for field, kind in items:
                kind, _, target = kind.partition(":")
                if kind not in FIELD_TYPES:
                    raise ValueError(
                        f"field {name}.{field}: unknown type {kind!r}; use one of "
                        f"{', '.join(sorted(FIELD_TYPES))} (many2one:<model> for a link)"
                    )
                model.fields[field] = kind
                if target:
                    model.targets[field] = target
            if isinstance(required, Mapping):
                model.required.update(required)
            else:
                model.required.update({f: f"the field '{f}' is mandatory" for f in required})

    def add(self, name: str, records: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> list[int]:
        """Store records as given (no checks); unknown fields join the model."""
        rows = [records] if isinstance(records, Mapping) else list(records)
        with self.lock:
            if name not in self.models:
                self.define(name)
            model = self.models[name]
            ids = []
            for row in rows:
                row = copy.deepcopy(dict(row))
                for field, value in row.items():
                    if field != "id" and field not in model.fields and not _unset(value):
                        model.fields[field] = _infer(value)
                ids.append(self._insert(model, row))
            return ids

    def _insert(self, model: Model, row: dict[str, Any]) -> int:
        given = row.pop("id", None)
        rid: int = model.next_id
        if isinstance(given, int) and not isinstance(given, bool) and given not in model.records:
            rid = given
        model.next_id = max(model.next_id, rid + 1)
        row["id"] = rid
        if "active" in model.fields and row.get("active") is None:
            row["active"] = True  # Odoo's default
        model.records[rid] = row
        return rid

    def records(self, name: str) -> list[dict[str, Any]]:
        with self.lock:
            model = self.models.get(name)
            if model is None:
                return []
            return [copy.deepcopy(model.records[i]) for i in sorted(model.records)]

    # --- calls ----------------------------------------------------------------------

    def model(self, name: str) -> Model:
        model = self.models.get(name)
        if model is None:
            raise Fault("unknown_model", f"Object {name} doesn't exist")
        return model

    def method(self, model: str, method: str) -> Callable[..., Any]:
        """The implementation of ``model.method``, or the Fault Odoo raises for it."""
        self.model(model)
        if method.startswith("_"):
            if self.major == 18:  # the real 18 says the method does not exist
                raise Fault("unknown_method", f"The method '{model}.{method}' does not exist")
            text = f"'{model}.{method}'" if self.major >= 19 else method
            raise Fault(
                "access_error", f"Private methods (such as {text}) cannot be called remotely."
            )
        found = getattr(self, f"m_{method}", None)
        if (variant := _BEFORE.get(method)) and self.major < variant[0]:
            found = getattr(self, variant[1])  # the older signature, checked the same way
        if found is None and method in _NOT_MODELLED:
            raise unsupported(self.major, f"the method {model}.{method}")
        if found is None or method in self._absent():
            if self.major >= 18:
                text = f"The method '{model}.{method}' does not exist"
            elif self.major >= 17:
                text = f"The method '{method}' does not exist on the model '{model}'"
            else:
                text = f"type object '{model}' has no attribute '{method}'"
            raise Fault("unknown_method", text)
        return found  # type: ignore[no-any-return]

    def _absent(self) -> frozenset[str]:
        if self.major >= 18:
            return frozenset({"name_get"})
        return frozenset({"has_access"})

    def call(
        self, model: str, method: str, args: list[Any], kwargs: dict[str, Any], uid: int
    ) -> Any:
        with self.lock:
            function = self.method(model, method)
            kwargs = dict(kwargs)
            context = kwargs.pop("context", None)
            self.context = dict(context) if isinstance(context, Mapping) else {}
            if "uid" in kwargs:  # the fake's own parameter, not one of Odoo's
                raise ArgumentsFault(method, "got an unexpected keyword argument 'uid'")
            try:
                inspect.signature(function).bind(model, *args, **kwargs)
            except TypeError as exc:
                raise ArgumentsFault(method, str(exc)) from None
            self._registered(model, method, args, kwargs)
            try:
                return function(model, *args, uid=uid, **kwargs)
            except DomainError as exc:
                raise Fault("value_error", str(exc)) from None
            except Unsupported as exc:
                raise unsupported(self.major, str(exc)) from None

    def signature(self, model: str, method: str) -> inspect.Signature:
        return inspect.signature(self.method(model, method))

    def _registered(self, model: str, method: str, args: list[Any], kw: dict[str, Any]) -> None:
        for failure in self.failures:
            if failure.model == model and failure.method == method:
                if failure.when is not None and not failure.when(list(args), dict(kw)):
                    continue
                if failure.times is not None:
                    if failure.times <= 0:
                        continue
                    failure.times -= 1
                raise Fault(failure.kind, failure.message)

    # --- helpers --------------------------------------------------------------------

    def _fields(self, model: Model) -> set[str]:
        return {"id", "display_name", *model.fields}

    def _types(self, model: Model) -> dict[str, str]:
        return {"id": "integer", **model.fields}

    def _search(
        self,
        model: Model,
        domain: Any,
        offset: Any = 0,
        limit: Any = None,
        order: Any = None,
    ) -> list[Mapping[str, Any]]:
        domain = [] if domain is None else domain
        if _mentions(domain, "display_name"):
            raise Unsupported("searching on display_name (Odoo searches the computed name)")
        types = self._types(model)
        test = matcher(domain, types, model.name, major=self.major)
        rows: list[Mapping[str, Any]] = [r for r in model.records.values() if test(r)]
        active_test = self.context.get("active_test", True)
        if "active" in model.fields and active_test and not _mentions(domain, "active"):
            rows = [r for r in rows if r.get("active") is not False]
        rows = self._sorted(model, rows, order)
        start = int(offset or 0)
        return rows[start : start + int(limit) if limit else None]

    def _ids(self, ids: Any) -> list[int]:
        ids = [ids] if isinstance(ids, int) and not isinstance(ids, bool) else ids
        if not isinstance(ids, list | tuple) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in ids
        ):
            raise Fault("type_error", f"ids must be a list of integers, got {ids!r:.80}")
        return list(ids)

    def _missing(self, model: Model, ids: list[int], uid: int) -> Fault:
        if self.major < 17:
            return Fault(
                "missing",
                "One of the records you are trying to modify has already been deleted "
                f"(Document type: {model.name}).",
            )
        return Fault(
            "missing",
            f"Record does not exist or has been deleted.\n(Record: {model.name}{tuple(ids)!r}, "
            f"User: {uid})",
        )

    def _display(self, model: Model, row: Mapping[str, Any]) -> Any:
        if model.name == "res.partner":
            return self._partner_name(model, row)
        name = row.get("name")
        return name if isinstance(name, str) else f"{model.name},{row['id']}"

    def _partner_name(self, model: Model, row: Mapping[str, Any]) -> str:
        """A contact's display name as Odoo computes it: "Company, Name" for a person
        under a company (the nearest company up the parents, else the parent)."""
        name = row.get("name") or ""
        parent = self._parent(model, row)
        if parent is not None and not row.get("is_company"):
            commercial = parent
            while not commercial.get("is_company") and (up := self._parent(model, commercial)):
                commercial = up
            company = commercial.get("name") if commercial.get("is_company") else None
            name = f"{company or parent.get('name') or ''}, {name}"
        return name if self.major < 17 else name.strip()

    def _parent(self, model: Model, row: Mapping[str, Any]) -> Mapping[str, Any] | None:
        link = row.get("parent_id")
        rid = link[0] if isinstance(link, list | tuple) and link else link
        return model.records.get(rid) if isinstance(rid, int) else None

    def _sorted(
        self, model: Model, rows: list[Mapping[str, Any]], order: Any
    ) -> list[Mapping[str, Any]]:
        """``rows`` in ``order``, or the model's default order. res.partner sorts by its
        display name, stored by Odoo (display_name before 16, complete_name from 16); Odoo
        11 orders tags by their place in the tree (parent_left), which the fake models for
        top-level tags only."""
        computed: dict[str, str] = {}
        if model.name == "res.partner":
            computed["display_name" if self.major < 16 else "complete_name"] = "char"
        if "display_name" in str(order or "") and "display_name" not in computed:
            raise Unsupported(f"ordering by display_name (order {order!r})")
        nested = any(not _unset(r.get("parent_id")) for r in model.records.values())
        if not order and self.major < 12 and model.name == "res.partner.category" and nested:
            raise Unsupported("the default order of nested tags on Odoo 11 (parent_left)")

        def value(row: Mapping[str, Any], field: str) -> Any:
            return self._display(model, row) if field in computed else row.get(field, False)

        types = {**computed, **self._types(model)}
        return sort(rows, order, model.order, types, model.name, value)

    def _value(self, model: Model, row: Mapping[str, Any], field: str) -> Any:
        if field == "display_name":
            return self._display(model, row)
        kind = model.fields.get(field)
        value = row.get(field, [] if kind in _LISTS else False)
        if value is None:
            return False
        if kind == "many2many" and (comodel := self.models.get(model.targets.get(field, ""))):
            rows: list[Mapping[str, Any]] = [
                comodel.records[i] for i in value or [] if i in comodel.records
            ]
            if "active" in comodel.fields:
                rows = [r for r in rows if r.get("active") is not False]
            return [r["id"] for r in self._sorted(comodel, rows, None)]
        if kind == "many2one" and not _unset(value):
            rid = value[0] if isinstance(value, list | tuple) else value
            target = self.models.get(model.targets.get(field, ""))
            linked = target.records.get(rid) if target else None
            return [rid, self._display(target, linked) if target and linked else str(rid)]
        return copy.deepcopy(value)

    def _read(self, model: Model, rows: Iterable[Mapping[str, Any]], fields: Any) -> list[Any]:
        if fields:
            known = self._fields(model)
            if self.major < 17:  # the real 11 leaves unknown fields out
                fields = [f for f in fields if f in known]
            for field in fields:
                if field not in known:
                    raise Fault("value_error", self._invalid_field(model, field))
            names = ["id", *[f for f in fields if f != "id"]]
        else:
            names = ["id", *model.fields, "display_name"]
        return [{f: self._value(model, row, f) for f in names} for row in rows]

    def _invalid_field(self, model: Model, field: str) -> str:
        if self.major >= 19:
            return f"Invalid field {field!r} on {model.name!r}"
        return f"Invalid field {field!r} on model {model.name!r}"

    def _vals(self, model: Model, vals: Any, *, creating: bool) -> dict[str, Any]:
        if not isinstance(vals, Mapping):
            raise Fault("type_error", f"values must be a dict, got {type(vals).__name__}")
        clean = {}
        for field, value in vals.items():
            if field in ("id", "display_name"):
                continue
            if field not in model.fields:
                if self.major < 17:
                    continue  # Odoo 11 logs a warning and drops the field
                if self.major >= 19 and not creating:
                    raise Fault("key_error", str(field))
                raise Fault("value_error", f"Invalid field {field!r} on model {model.name!r}")
            if model.fields[field] == "many2one" and isinstance(value, list | tuple):
                value = value[0] if value else False
            if model.fields[field] in _LISTS:
                value = _Commands(self._commands(model, field, value))
            clean[field] = copy.deepcopy(value)
        return clean

    def _commands(self, model: Model, field: str, value: Any) -> list[tuple[Any, ...]]:
        """The x2many commands of a create/write value, checked; what the fake does not
        model (one2many, unknown records, odd shapes) is refused."""
        kind = model.fields[field]
        comodel = self.models.get(model.targets.get(field, ""))
        if kind != "many2many" or comodel is None:
            raise Unsupported(f"writing the {kind} field {model.name}.{field}")
        if not isinstance(value, list | tuple):
            raise Unsupported(f"the {kind} value {value!r:.60} (a list of commands)")
        if value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            # a bare list of ids: 17+ set the links to it; 11 ignores it (12-16 unverified)
            if self.major >= 17:
                value = [(6, 0, list(value))]
            elif self.major < 12:
                return []
            else:
                raise Unsupported(f"a bare list of ids for {model.name}.{field} before 17")
        out: list[tuple[Any, ...]] = []
        for command in value:
            if not isinstance(command, list | tuple) or not command:
                raise Unsupported(f"the x2many command {command!r:.60} (use the command tuples)")
            op, *rest = command
            target = rest[0] if rest else 0
            valid = {
                0: len(rest) == 2 and isinstance(rest[1], Mapping),
                1: len(rest) == 2 and isinstance(rest[1], Mapping),
                2: len(rest) in (1, 2),
                3: len(rest) in (1, 2),
                4: len(rest) in (1, 2),
                5: len(rest) in (0, 2),
                6: len(rest) == 2 and isinstance(rest[1], list | tuple),
            }
            if not valid.get(op, False):
                raise Unsupported(f"the x2many command {command!r:.60}")
            linked = list(rest[1]) if op == 6 else [target] if op in (1, 2, 3, 4) else []
            for rid in linked:
                if not isinstance(rid, int) or isinstance(rid, bool) or rid not in comodel.records:
                    raise Unsupported(f"a link to {comodel.name} record {rid!r} that is not there")
            out.append((op, target, rest[1] if op in (0, 1) else linked))
        return out

    def _apply(self, model: Model, row: dict[str, Any], clean: Mapping[str, Any]) -> None:
        """Store ``clean`` in ``row``, running the x2many commands (after every check)."""
        for field, value in clean.items():
            if not isinstance(value, _Commands):
                row[field] = copy.deepcopy(value)
                continue
            comodel = self.models[model.targets[field]]
            ids = list(row.get(field) or [])
            for op, target, arg in value:
                if op == 0:
                    ids.append(self.m_create(comodel.name, arg))
                elif op == 1:
                    self.m_write(comodel.name, [target], arg)
                elif op == 2:
                    ids = [i for i in ids if i != target]
                    self.m_unlink(comodel.name, [target])
                elif op == 3:
                    ids = [i for i in ids if i != target]
                elif op == 4:
                    ids += [target] if target not in ids else []
                elif op == 5:
                    ids = []
                else:
                    ids = list(dict.fromkeys(arg))
            row[field] = ids

    def _require(self, model: Model, row: Mapping[str, Any]) -> None:
        # a constraint (SQL NOT NULL) lets "" pass, as the real 11, 17, 18 and 19 do
        checks = [text for field, text in model.checks.items() if _unset(row.get(field))]
        required = [
            text
            for field, text in model.required.items()
            if _unset(row.get(field)) or row.get(field) == ""
        ]
        for text in checks + required:
            if self.major >= 17:
                raise Fault("validation", f"The operation cannot be completed: {text}")
            raise Fault("validation", f"{text}.")

    # --- the ORM methods (names as Odoo's; ``model`` first, ``uid`` last) -------------

    def m_search(
        self, model: str, domain: Any, offset: Any = 0, limit: Any = None, order: Any = None,
        *, uid: int = 0,
    ) -> Any:  # fmt: skip
        return [r["id"] for r in self._search(self.model(model), domain, offset, limit, order)]

    def _search_with_count(
        self, model: str, domain: Any, offset: Any = 0, limit: Any = None, order: Any = None,
        count: Any = False, *, uid: int = 0,
    ) -> Any:  # fmt: skip
        """search before 17: ``count=True`` gives the number of records."""
        rows = self._search(self.model(model), domain, offset, limit, order)
        return len(rows) if count else [r["id"] for r in rows]

    def m_search_count(self, model: str, domain: Any, limit: Any = None, *, uid: int = 0) -> int:
        return len(self._search(self.model(model), domain, 0, limit))

    def _search_count_no_limit(self, model: str, domain: Any, *, uid: int = 0) -> int:
        """search_count before 17: no ``limit``."""
        return self.m_search_count(model, domain, uid=uid)

    def m_search_read(
        self, model: str, domain: Any = None, fields: Any = None, offset: Any = 0,
        limit: Any = None, order: Any = None, *, uid: int = 0,
    ) -> list[Any]:  # fmt: skip
        found = self.model(model)
        return self._read(found, self._search(found, domain, offset, limit, order), fields)

    def m_read(
        self, model: str, ids: Any, fields: Any = None, load: Any = "_classic_read", *,
        uid: int = 0,
    ) -> list[Any]:  # fmt: skip
        found = self.model(model)
        rows = [found.records[i] for i in self._ids(ids) if i in found.records]
        return self._read(found, rows, fields)

    def m_create(self, model: str, vals_list: Any, *, uid: int = 0) -> Any:
        """One dict gives an id, a list of dicts a list of ids (Odoo 11: one dict only);
        JSON-2 always answers a list (the server wraps the id)."""
        found = self.model(model)
        single = isinstance(vals_list, Mapping)
        if not single and self.major < 12:
            raise Fault(
                "attribute_error", f"'{type(vals_list).__name__}' object has no attribute 'items'"
            )
        if not single and not isinstance(vals_list, list | tuple):
            raise Fault(
                "type_error",
                f"vals_list must be a dict or a list of dicts, got {type(vals_list).__name__}",
            )
        rows = [self._vals(found, v, creating=True) for v in ([vals_list] if single else vals_list)]
        for row in rows:
            self._require(found, row)
        ids = []
        for row in rows:
            commands = {k: v for k, v in row.items() if isinstance(v, _Commands)}
            rid = self._insert(found, {k: v for k, v in row.items() if k not in commands})
            self._apply(found, found.records[rid], commands)
            ids.append(rid)
        return ids[0] if single else ids

    def m_write(self, model: str, ids: Any, vals: Any, *, uid: int = 0) -> bool:
        found = self.model(model)
        ids = self._ids(ids)
        clean = self._vals(found, vals, creating=False)
        if missing := [i for i in ids if i not in found.records]:
            raise self._missing(found, missing, uid)
        for i in ids:
            merged = {**found.records[i], **clean}
            self._require(found, merged)
        shared = [c for v in clean.values() if isinstance(v, _Commands) for c in v if c[0] < 3]
        if len(ids) > 1 and shared:
            raise Unsupported("x2many commands 0, 1 or 2 in a write on several records")
        for i in ids:
            self._apply(found, found.records[i], clean)
        return True

    def m_unlink(self, model: str, ids: Any, *, uid: int = 0) -> bool:
        found = self.model(model)
        ids = self._ids(ids)
        missing = [i for i in ids if i not in found.records]
        if missing and self.major >= 16:  # 16: reported on a real server, not run here
            raise self._missing(found, missing, uid)
        for i in ids:
            found.records.pop(i, None)
        return True

    def m_fields_get(
        self, model: str, allfields: Any = None, attributes: Any = None, *, uid: int = 0
    ) -> dict[str, Any]:
        found = self.model(model)
        every = {"id": "integer", "display_name": "char", **found.fields}
        result = {}
        for field, kind in every.items():
            if allfields and field not in allfields:
                continue
            info: dict[str, Any] = {
                "type": kind,
                "string": found.labels.get(field)
                or (field.replace("_", " ").title() if field != "id" else "ID"),
                "required": field in found.required,
                "readonly": field in ("id", "display_name"),
            }
            if field in found.targets:
                info["relation"] = found.targets[field]
            result[field] = {k: v for k, v in info.items() if not attributes or k in attributes}
        return result

    def m_name_search(
        self, model: str, name: Any = "", domain: Any = None, operator: Any = "ilike",
        limit: Any = 100, *, uid: int = 0,
    ) -> list[Any]:  # fmt: skip
        found = self.model(model)
        extra = list(domain or [])
        if name:
            extra.append(["name", operator, name])
        rows = self._search(found, extra, 0, limit)
        return [[r["id"], self._display(found, r)] for r in rows]

    def _name_search_args(
        self, model: str, name: Any = "", args: Any = None, operator: Any = "ilike",
        limit: Any = 100, *, uid: int = 0,
    ) -> list[Any]:  # fmt: skip
        """name_search before 19: the domain is ``args`` (``domain=`` is refused)."""
        return self.m_name_search(model, name, args, operator, limit, uid=uid)

    def m_name_get(self, model: str, ids: Any, *, uid: int = 0) -> list[Any]:
        found = self.model(model)
        return [[i, self._display(found, found.records[i])] for i in self._ids(ids)
                if i in found.records]  # fmt: skip

    def m_context_get(self, model: str, *, uid: int = 0) -> dict[str, Any]:
        context: dict[str, Any] = {"lang": "en_US", "tz": False}
        if self.major >= 13:
            context["uid"] = uid
        return context

    def m_check_access_rights(
        self, model: str, operation: Any = "read", raise_exception: Any = True, *, uid: int = 0
    ) -> bool | None:
        # 18+: check_access() (None) when raising, else has_access()
        return None if raise_exception and self.major >= 18 else True

    def m_has_access(self, model: str, ids: Any, operation: Any = "read", *, uid: int = 0) -> bool:
        """A record method (18+): ``has_access(ids, operation)``."""
        return True


def unsupported(major: int, what: str) -> Fault:
    """The fake's one refusal (``errors.NotSupportedByFake`` on the client side)."""
    return Fault(
        "unsupported",
        f"FakeOdoo ({major}.0) does not model {what}: a real Odoo would answer, the fake "
        "refuses rather than answer differently. Test this against a real Odoo server, "
        "or leave it out of this test.",
    )


def _mentions(domain: Any, field: str) -> bool:
    return any(isinstance(t, list | tuple) and len(t) == 3 and t[0] == field for t in domain)
