"""The fake Odoo's in-memory models and the ORM methods it answers, as each Odoo version
does. No HTTP here: :class:`Store` takes a call and returns its result or raises
:class:`Fault`, which the server turns into the version's error reply."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import random
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ._domain import DomainError, Unsupported, matcher, sort
from ._models import standard_models

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
_EMPTY: dict[str, Any] = {"integer": 0, "float": 0.0, "monetary": 0.0}
# set by the ORM on create and write, never taken from the values
_LOG_ACCESS = ("create_uid", "create_date", "write_uid", "write_date")
# computed fields the fake computes (others are refused): display_name, and these
_COMPUTED = {
    "res.partner": {
        "complete_name",
        "commercial_partner_id",
        "company_type",
        "commercial_company_name",
    }
}
# res.partner fields Odoo copies between a company and its contacts (ADDRESS_FIELDS and
# _commercial_fields of 11-19); a write of company_id also goes down to the children
_PARTNER_SYNCED = ("street", "street2", "zip", "city", "state_id", "country_id", "vat",
                   "company_registry", "industry_id", "credit_limit")  # fmt: skip
# unique SQL constraints of the standard models (11-19)
_UNIQUE = {"res.country": ("name", "code"), "res.users": ("login",), "res.company": ("name",)}
# stored but maintained by the ORM (the tree index): refused
_TREE = {"parent_left", "parent_right", "parent_path"}
_FORMATS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%d %H:%M:%S"}
_NAME_OPERATORS = ("=", "ilike", "like", "=ilike", "=like")  # others: refused
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
    # a standard model, as captured from the real server (empty for the user's models)
    spec: dict[str, Any] = dataclasses.field(default_factory=dict)  # captured fields_get
    description: str = ""
    rec_name: str = "name"
    defaults: dict[str, Any] = dataclasses.field(default_factory=dict)
    refused: dict[str, str] = dataclasses.field(default_factory=dict)  # field -> what it is
    via: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)  # related
    inverse: dict[str, str] = dataclasses.field(default_factory=dict)  # one2many -> many2one
    not_null: list[str] = dataclasses.field(default_factory=list)  # required columns


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


def _check_added(model: Model, field: str, kind: str | None, value: Any) -> None:
    """A value ``FakeOdoo.add`` can store as it is: x2many ids, not commands."""
    if kind not in _LISTS or _unset(value):
        return
    where = f"{model.name}.{field}"
    if kind == "one2many":
        inverse = model.inverse.get(field) or "its inverse many2one"
        raise ValueError(
            f"FakeOdoo.add: {where} is a one2many, which Odoo reads from the other side: "
            f"set {inverse} on the {model.targets.get(field) or 'related'} records instead"
        )
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise ValueError(
            f"FakeOdoo.add stores values as they are: {where} takes a list of ids such as "
            f"[1, 2], got {value!r:.80}; command tuples such as (6, 0, ids) are for create "
            "and write"
        )


class Store:
    """Models, users and registered failures of one fake server, behind one lock."""

    def __init__(self, major: int) -> None:
        self.major = major
        self.lock = threading.RLock()
        self.models: dict[str, Model] = {}
        self.failures: list[Failure] = []
        self.context: dict[str, Any] = {}  # the running call's (calls hold the lock)
        for name, captured in standard_models(major).items():
            self.models[name] = self._standard(name, captured)
        self.models["res.partner"].checks["name"] = "Contacts require a name"
        if major >= 12:  # uid 1 is the superuser (__system__) from Odoo 12 on: admin is 2
            self.models["res.users"].next_id = 2

    def _standard(self, name: str, captured: Mapping[str, Any]) -> Model:
        """A standard model from its capture: every field the real server has; the fake
        keeps the stored ones, computes display_name and _COMPUTED, reads related fields
        through their many2one, and refuses the other computed ones."""
        spec, flags = captured["fields_get"], captured["fields"]
        model = Model(name, {}, {}, {}, {}, captured["order"], {}, spec=spec)
        model.description, model.rec_name = captured["description"], captured["rec_name"]
        for field, info in spec.items():
            kind, flag = info["type"], flags.get(field, {})
            if field == "id":
                continue
            model.fields[field] = kind
            if info.get("relation"):
                model.targets[field] = info["relation"]
            related = flag.get("related", "").split(".")
            if field == "display_name" or field in _COMPUTED.get(name, ()):
                continue
            if kind not in FIELD_TYPES:
                model.refused[field] = f"the {kind} field"
            elif field in _TREE:
                model.refused[field] = "the tree-index field"
            elif len(related) == 2 and spec.get(related[0], {}).get("type") == "many2one":
                model.via[field] = (related[0], related[1])
            elif flag.get("computed") or not flag.get("store", True):
                model.refused[field] = "the computed field"
            elif flag.get("company_dependent"):
                model.refused[field] = "the company-dependent field"
            elif kind == "one2many":
                model.inverse[field] = info.get("relation_field", "")
            elif info.get("required") and field not in _LOG_ACCESS:
                model.not_null.append(field)
        model.defaults = {
            f: v for f, v in captured["defaults"].items()
            if f in model.fields and f not in model.refused and f not in model.via
        }  # fmt: skip
        return model

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

    def add(
        self,
        name: str,
        records: Mapping[str, Any] | Iterable[Mapping[str, Any]],
        uid: int = 1,
    ) -> list[int]:
        """Store records as given (no business checks); unknown fields join the model.
        Standard models stamp them created and written by ``uid`` now, unless given.
        A value the store could not read back as Odoo would is refused (ValueError)."""
        rows = [copy.deepcopy(dict(row)) for row in
                ([records] if isinstance(records, Mapping) else records)]  # fmt: skip
        with self.lock:
            if name not in self.models:
                self.define(name)
            model = self.models[name]
            joining: dict[str, str] = {}  # checked first: a refused row adds nothing
            for row in rows:
                for field, value in row.items():
                    if field != "id" and field not in model.fields and not _unset(value):
                        joining.setdefault(field, _infer(value))
                    _check_added(model, field, model.fields.get(field, joining.get(field)), value)
            model.fields.update(joining)
            ids = []
            for row in rows:
                related = {f: row.pop(f) for f in list(row) if f in model.via}
                ids.append(self._insert(model, {**self._stamp(model, uid, created=True), **row}))
                self._add_related(model, model.records[ids[-1]], related, uid)
            return ids

    def _add_related(
        self, model: Model, row: dict[str, Any], values: dict[str, Any], uid: int
    ) -> None:
        """Related values of an added record (a user's name): on the record its many2one
        points to, created when unset (as Odoo creates a user's partner)."""
        links: dict[str, dict[str, Any]] = {}
        for field, value in values.items():
            link, target = model.via[field]
            links.setdefault(link, {})[target] = value
        for link, vals in links.items():
            comodel = self.models.get(model.targets[link])
            rid = _id(row.get(link))
            if comodel is not None and rid in comodel.records:
                comodel.records[rid].update(vals)
            else:
                [row[link]] = self.add(model.targets[link], vals, uid)

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
        """The fields a domain or an order may use, by type: the refused ones (and
        one2many, which the fake does not search) are left to _searchable."""
        types = {"id": "integer", "display_name": "char", **model.fields}
        for field, (link, target) in model.via.items():
            comodel = self.models.get(model.targets.get(link, ""))
            types[field] = comodel.fields.get(target, "char") if comodel else "char"
        return types

    def _searchable(self, model: Model, domain: Any, order: Any) -> None:
        """Refuse a domain or order on what the fake does not compute or search."""
        names = [t[0] for t in domain if isinstance(t, list | tuple) and len(t) == 3]
        names += [p.split()[0] for p in str(order or "").split(",") if p.split()]
        for name in names:
            field = str(name).split(".")[0]
            if field in model.refused:
                raise Unsupported(f"searching or ordering on {model.refused[field]} "
                                  f"{model.name}.{field}")  # fmt: skip
            if model.fields.get(field) == "one2many":
                raise Unsupported(f"searching on the one2many field {model.name}.{field}")

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
        if isinstance(domain, list | tuple):
            self._searchable(model, domain, order)
        test = matcher(domain, self._types(model), model.name, major=self.major)
        rows: list[Mapping[str, Any]] = [
            r for r in model.records.values() if test(_View(self, model, r))
        ]
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
        if model.name == "res.partner.category":  # "Parent / Child", in every version
            names = [r.get("name") or "" for r in self._lineage(model, row)]
            return " / ".join(reversed(names))
        name = self._raw(model, row, model.rec_name) if model.rec_name in model.fields else None
        return name if isinstance(name, str) else f"{model.name},{row['id']}"

    def _partner_name(self, model: Model, row: Mapping[str, Any]) -> str:
        """A contact's display name as Odoo 11-19 compute it: "Company, Name" for a person
        under a company or with a company name; a nameless address shows its type."""
        name = row.get("name") or ""
        parent = self._parent(model, row)
        if row.get("company_name") or parent is not None:
            kind = row.get("type")
            if not name and kind in ("invoice", "delivery", "other"):
                name = dict(model.spec["type"]["selection"]).get(kind, "") if model.spec else ""
            if not row.get("is_company"):
                company = self._company_name(model, row)
                name = f"{company or (parent.get('name') if parent else False)}, {name}"
        return name if self.major < 17 else name.strip()

    def _company_name(self, model: Model, row: Mapping[str, Any]) -> Any:
        """commercial_company_name: the commercial partner's name when it is a company,
        else the contact's company_name."""
        commercial = model.records.get(self._commercial(model, row), row)
        if commercial.get("is_company"):
            return commercial.get("name") or row.get("company_name") or False
        return row.get("company_name") or False

    def _commercial(self, model: Model, row: Mapping[str, Any]) -> int:
        """res.partner's commercial_partner_id: the nearest company up the parents (itself
        when it is one), else the top parent."""
        for up in self._lineage(model, row):
            if up.get("is_company"):
                break
        return int(up["id"])

    def _parent(self, model: Model, row: Mapping[str, Any]) -> Mapping[str, Any] | None:
        rid = _id(row.get("parent_id"))
        return model.records.get(rid) if rid is not None else None

    def _lineage(self, model: Model, row: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
        """``row``, its parent, the parent's parent...; a cycle ends it."""
        seen: set[int] = set()
        current: Mapping[str, Any] | None = row
        while current is not None and current["id"] not in seen:
            seen.add(current["id"])
            yield current
            current = self._parent(model, current)

    def _sorted(
        self, model: Model, rows: list[Mapping[str, Any]], order: Any
    ) -> list[Mapping[str, Any]]:
        """``rows`` in ``order``, or the model's default order (its ``_order``). Odoo 11
        orders tags by their place in the tree (parent_left), which the fake models for
        top-level tags only (the creation order)."""
        default = model.order
        if self.major < 12 and model.name == "res.partner.category":
            if not order and any(not _unset(r.get("parent_id")) for r in model.records.values()):
                raise Unsupported("the default order of nested tags on Odoo 11 (parent_left)")
            default = "id"
        self._searchable(model, [], order or default)
        if "display_name" in str(order or "") and not (
            model.name == "res.partner" and self.major < 16
        ):
            raise Unsupported(f"ordering by display_name (order {order!r})")

        def value(row: Mapping[str, Any], field: str) -> Any:
            return self._raw(model, row, field)

        return sort(rows, order, default, self._types(model), model.name, value)

    def _raw(self, model: Model, row: Mapping[str, Any], field: str) -> Any:
        """A field's value as stored (a many2one as its id, unset as False, numbers as 0),
        computed or read through a related field's many2one; refused when the fake does
        not compute it. KeyError for no such field."""
        if field == "id":
            return row["id"]
        if field == "display_name":
            return self._display(model, row)
        kind = model.fields[field]
        if field in model.refused:
            raise Unsupported(f"{model.refused[field]} {model.name}.{field} (read it from "
                              "a real server, or leave it out of fields=)")  # fmt: skip
        if field in model.via:
            link, target = model.via[field]
            comodel, linked = self._linked(model, model.targets[link], row.get(link), link)
            return False if linked is None else self._raw(comodel, linked, target)
        if model.name == "res.partner" and field in _COMPUTED["res.partner"]:
            if field == "complete_name":
                return self._partner_name(model, row)
            if field == "company_type":
                return "company" if row.get("is_company") else "person"
            if field == "commercial_company_name":
                return self._company_name(model, row)
            return self._commercial(model, row)
        if kind == "one2many":
            inverse = model.inverse.get(field, "")
            if (held := self.models.get(model.targets.get(field, ""))) is None:
                return []  # the fake has no such records
            if inverse not in held.fields:
                raise Unsupported(f"the one2many field {model.name}.{field}")
            return [i for i, r in held.records.items() if _id(r.get(inverse)) == row["id"]]
        value = row.get(field)
        if _unset(value):
            return [] if kind in _LISTS else False
        if kind == "many2one":
            return _id(value)
        return value

    def _linked(
        self, model: Model, target: str, value: Any, field: str
    ) -> tuple[Model, Mapping[str, Any] | None]:
        """The record a many2one points to (None when unset); refused when the fake
        does not hold it (a real Odoo always does)."""
        comodel = self.models.get(target)
        rid = _id(value)
        if rid is None:
            return comodel or Model(target, {}, {}, {}, {}, "id", {}), None
        if comodel is None or rid not in comodel.records:
            raise Unsupported(f"{model.name}.{field} pointing to {target} record {rid}, "
                              "which the fake does not hold (add it first)")  # fmt: skip
        return comodel, comodel.records[rid]

    def _value(self, model: Model, row: Mapping[str, Any], field: str, kind: str) -> Any:
        """A field's value as read() answers it (``kind``: its type, from _types)."""
        value = self._raw(model, row, field)
        if value is False and kind in _EMPTY:  # an unset number reads 0
            return _EMPTY[kind]
        if kind == "many2one" and value is not False:
            comodel, linked = self._linked(model, self._target(model, field), value, field)
            return [value, self._display(comodel, linked or {"id": value})]
        if kind in _LISTS:
            if (held := self.models.get(self._target(model, field))) is None:
                return list(value)
            rows: list[Mapping[str, Any]] = [held.records[i] for i in value if i in held.records]
            if "active" in held.fields:
                rows = [r for r in rows if r.get("active") is not False]
            return [r["id"] for r in self._sorted(held, rows, None)]
        return copy.deepcopy(value)

    def _target(self, model: Model, field: str) -> str:
        if field in model.via:
            link, inner = model.via[field]
            return self.models[model.targets[link]].targets.get(inner, "")
        return model.targets.get(field, "")

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
            names = ["id", *model.fields]
            if "display_name" not in names:
                names.append("display_name")
            if refused := [f for f in names if f in model.refused]:
                raise Unsupported(
                    f"reading every field of {model.name}: {len(refused)} of them are "
                    f"computed by Odoo ({', '.join(refused[:8])}, ...); name the fields "
                    "you need with fields="
                )
        types = self._types(model)
        return [{f: self._value(model, row, f, types[f]) for f in names} for row in rows]

    def _invalid_field(self, model: Model, field: str) -> str:
        if self.major >= 19:
            return f"Invalid field {field!r} on {model.name!r}"
        return f"Invalid field {field!r} on model {model.name!r}"

    def _vals(
        self, model: Model, vals: Any, *, creating: bool, checked: bool = True
    ) -> dict[str, Any]:
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
            if checked and field in model.spec:
                value = self._checked(model, field, value)
            if field in model.via:
                clean[field] = _Through({model.via[field][1]: value})
                continue
            if model.fields[field] == "many2one" and isinstance(value, list | tuple):
                value = value[0] if value else False
            if model.fields[field] in _LISTS:
                value = _Commands(self._commands(model, field, value))
            clean[field] = copy.deepcopy(value)
        return clean

    def _checked(self, model: Model, field: str, value: Any) -> Any:
        """``value`` for a captured field of a standard model, as Odoo would store it;
        what Odoo would convert (or sanitize) is refused rather than guessed."""
        kind, info = model.fields[field], model.spec[field]
        what = f"{model.name}.{field}"
        if field in _LOG_ACCESS or field in model.refused or field in _COMPUTED.get(model.name, ()):
            reason = "the ORM sets it" if field in _LOG_ACCESS else "Odoo computes it"
            raise Unsupported(f"writing {what} ({reason})")
        if field in model.via:
            link, target = model.via[field]
            if info.get("readonly"):
                raise Unsupported(f"writing the read-only related field {what}")
            self._vals(self.models[model.targets[link]], {target: value}, creating=False)
            return value
        if value is None or value is False:
            return value
        fits = {
            "boolean": isinstance(value, bool),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, int | float) and not isinstance(value, bool),
            "monetary": isinstance(value, int | float) and not isinstance(value, bool),
            "char": isinstance(value, str),
            "text": isinstance(value, str),
            "selection": isinstance(value, str | int) and not isinstance(value, bool),
            "date": isinstance(value, str) and _formatted(value, _FORMATS["date"]),
            "datetime": isinstance(value, str) and _formatted(value, _FORMATS["datetime"]),
            "many2one": isinstance(value, int | list | tuple) and not isinstance(value, bool),
            "one2many": True,
            "many2many": True,
            "json": True,
        }.get(kind, False)
        if not fits:
            raise Unsupported(
                f"the value {value!r:.60} for the {kind} field {what} (Odoo converts or "
                "sanitizes it; give the value as Odoo stores it)"
            )
        choices = info.get("selection")
        if kind == "selection" and isinstance(choices, list) and value not in dict(choices):
            raise Fault("value_error", f"Wrong value for {what}: {value!r}")
        if kind in ("float", "monetary"):
            digits = info.get("digits")
            if isinstance(digits, list) and len(digits) == 2 and round(value, digits[1]) != value:
                raise Unsupported(f"the value {value!r} for {what} (Odoo rounds it to "
                                  f"{digits[1]} digits)")  # fmt: skip
            return float(value)
        if kind == "many2one":
            rid = _id(value[0] if isinstance(value, list | tuple) and value else value)
            self._linked(model, model.targets.get(field, ""), rid, field)
        return value

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

    def _apply(
        self, model: Model, row: dict[str, Any], clean: Mapping[str, Any], uid: int = 0
    ) -> None:
        """Store ``clean`` in ``row``, running the x2many commands (after every check) and
        writing related fields on the record their many2one points to."""
        for field, value in clean.items():
            if isinstance(value, _Through):
                link = model.via[field][0]
                rid = _id(row.get(link))
                if rid is None:
                    raise Unsupported(f"writing {model.name}.{field} with {link} unset")
                self.m_write(model.targets[link], [rid], dict(value), uid=uid)
                continue
            if not isinstance(value, _Commands):
                row[field] = copy.deepcopy(value)
                continue
            comodel = self.models[model.targets[field]]
            ids = list(row.get(field) or [])
            for op, target, arg in value:
                if op == 0:
                    ids.append(self.m_create(comodel.name, arg, uid=uid))
                elif op == 1:
                    self.m_write(comodel.name, [target], arg, uid=uid)
                elif op == 2:
                    ids = [i for i in ids if i != target]
                    self.m_unlink(comodel.name, [target], uid=uid)
                elif op == 3:
                    ids = [i for i in ids if i != target]
                elif op == 4:
                    ids += [target] if target not in ids else []
                elif op == 5:
                    ids = []
                else:
                    ids = list(dict.fromkeys(arg))
            row[field] = ids

    def _business(self, model: Model, vals: dict[str, Any], ids: list[int] | None) -> None:
        """What the standard models' create/write overrides and constraints do (Odoo 11
        to 19): applied where the fake models it, refused where it does not. ``ids``:
        the records of a write (None: a create)."""
        if not model.spec:
            return
        rows = [model.records[i] for i in ids or []]
        if model.name == "res.country" and isinstance(vals.get("code"), str):
            vals["code"] = vals["code"].upper()
        for field in _UNIQUE.get(model.name, ()):
            value = vals.get(field)
            if not _unset(value) and any(
                r.get(field) == value for i, r in model.records.items() if i not in (ids or [])
            ):
                raise Unsupported(f"a second {model.name} with {field} {value!r} (a unique "
                                  "constraint)")  # fmt: skip
            if not _unset(value) and ids is not None and len(ids) > 1:
                raise Unsupported(f"one {field} for several {model.name} (a unique constraint)")
        if "parent_id" in vals and model.name in ("res.partner", "res.partner.category"):
            self._no_cycle(model, _id(vals["parent_id"]), ids or [])
        if model.name == "res.partner":
            self._partner_rules(model, vals, rows, ids is None)

    def _no_cycle(self, model: Model, parent: int | None, ids: list[int]) -> None:
        above = model.records.get(parent) if parent is not None else None
        chain = [r["id"] for r in self._lineage(model, above)] if above is not None else []
        if parent in ids or any(i in ids for i in chain):
            raise Unsupported(f"a recursive {model.name} hierarchy (Odoo refuses it)")

    def _partner_rules(
        self, model: Model, vals: dict[str, Any], rows: list[dict[str, Any]], creating: bool
    ) -> None:
        """res.partner copies address and commercial fields between a company and its
        contacts, cleans websites and keeps the contacts of active users: refused."""
        synced = [f for f in _PARTNER_SYNCED if f in vals and not _unset(vals[f])]
        synced += [f for f in (*_PARTNER_SYNCED, "company_id") if f in vals and not creating]
        parent = model.records.get(_id(vals.get("parent_id")) or 0)
        if parent is not None and any(not _unset(parent.get(f)) for f in _PARTNER_SYNCED):
            raise Unsupported("a contact under a parent with an address or commercial fields "
                              "(Odoo copies them to the contact)")  # fmt: skip
        ids = {r["id"] for r in rows}
        related = parent is not None or any(
            not _unset(r.get("parent_id")) for r in rows
        ) or any(_id(r.get("parent_id")) in ids for r in model.records.values())  # fmt: skip
        if synced and related:
            raise Unsupported(f"setting {', '.join(dict.fromkeys(synced))} on a contact with a "
                              "parent or children (Odoo syncs them)")  # fmt: skip
        website = vals.get("website")
        if isinstance(website, str) and website and "://" not in website:
            raise Unsupported(f"the website {website!r} (Odoo adds a scheme)")
        if not _unset(vals.get("parent_id")) and "company_name" in model.fields:
            vals["company_name"] = False
        if vals.get("active") is False and (users := self._users_of(list(ids))):
            raise Unsupported(f"archiving the contact of user {users[0]} (Odoo refuses it)")

    def _users_of(self, partners: list[int]) -> list[int]:
        """The active users whose contact is among ``partners``."""
        users = self.models["res.users"].records.values()
        return [u["id"] for u in users if _id(u.get("partner_id")) in partners
                and u.get("active") is not False]  # fmt: skip

    def _require(
        self, model: Model, row: Mapping[str, Any], only: Mapping[str, Any] | None = None
    ) -> None:
        """``only``: a write's values; a seeded record may lack what it does not set."""

        def unset(field: str) -> bool:
            return (only is None or field in only) and _unset(row.get(field))

        missing = [f for f in model.not_null if unset(f)]
        if len(missing) > 1:  # Postgres names the first in the table's column order
            raise Unsupported(f"several unset required fields of {model.name} "
                              f"({', '.join(missing)}): give them values")  # fmt: skip
        if missing:
            raise Fault("validation", self._not_null(model, missing[0]))
        # res.partner's CHECK (type='contact' AND name IS NOT NULL) OR type!='contact': on
        # the whole row; "" passes (the real 11, 17, 18, 19)
        contact = row.get("type") == "contact" or not model.spec
        checks = [
            text for field, text in model.checks.items() if contact and _unset(row.get(field))
        ]
        required = [  # the user's models: "" counts as unset
            text
            for field, text in model.required.items()
            if unset(field) or ((only is None or field in only) and row.get(field) == "")
        ]
        for text in checks + required:
            if self.major >= 17:
                raise Fault("validation", f"The operation cannot be completed: {text}")
            raise Fault("validation", f"{text}.")

    def _not_null(self, model: Model, field: str) -> str:
        """The message of a NOT NULL violation, per version (15-16: 17's, 12-14: 11's,
        unverified)."""
        string, desc = model.spec[field].get("string", field), model.description
        if self.major >= 19:
            return (
                f"The operation cannot be completed: Missing required value for the field "
                f"'{string}' ({field}).\nModel: '{desc}' ({model.name})\n- create/update: a "
                "mandatory field is not set\n- delete: another model requires the record "
                "being deleted, you can archive it instead\n"
            )
        if self.major >= 15:
            return (
                "The operation cannot be completed:\n- Create/update: a mandatory field is "
                "not set.\n- Delete: another model requires the record being deleted. If "
                f"possible, archive it instead.\n\nModel: {desc} ({model.name})\nField: "
                f"{string} ({field})\n"
            )
        return (
            "The operation cannot be completed, probably due to the following:\n- deletion: "
            "you may be trying to delete a record while other records still reference it\n"
            "- creation/update: a mandatory field is not correctly set\n\n[object with "
            f"reference: {desc} - {model.name}]"
        )

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
        if links := sorted(
            {found.targets[f] for f, _ in found.via.values() if f in found.not_null}
        ):
            raise Unsupported(f"creating {model} records (Odoo also creates their "
                              f"{', '.join(links)} and more; seed them with FakeOdoo.add"
                              f"{' or add_user' if model == 'res.users' else ''})")  # fmt: skip
        rows = [
            {**self._defaults(found), **self._vals(found, v, creating=True)}
            for v in ([vals_list] if single else vals_list)
        ]
        for row in rows:
            self._business(found, row, None)
            self._require(found, row)
        ids = []
        for row in rows:
            later = {k: v for k, v in row.items() if isinstance(v, _Commands | _Through)}
            row = {k: v for k, v in row.items() if k not in later}
            rid = self._insert(found, {**row, **self._stamp(found, uid, created=True)})
            self._apply(found, found.records[rid], later, uid)
            ids.append(rid)
        return ids[0] if single else ids

    def _defaults(self, model: Model) -> dict[str, Any]:
        """The captured default values (as the real server's default_get gives them for
        the suite's admin); a tag's color is random from 17, as Odoo draws it."""
        defaults = self._vals(model, model.defaults, creating=True, checked=False)
        if model.name == "res.partner.category" and self.major >= 17:
            defaults["color"] = random.randint(1, 11)
        return defaults

    def _stamp(self, model: Model, uid: int, *, created: bool) -> dict[str, Any]:
        """create_uid/create_date/write_uid/write_date, as the ORM sets them."""
        if "write_date" not in model.spec:
            return {}
        now = datetime.now(timezone.utc).strftime(_FORMATS["datetime"])
        stamp = {"write_uid": uid, "write_date": now}
        return {**stamp, "create_uid": uid, "create_date": now} if created else stamp

    def m_write(self, model: str, ids: Any, vals: Any, *, uid: int = 0) -> bool:
        found = self.model(model)
        ids = self._ids(ids)
        clean = self._vals(found, vals, creating=False)
        if missing := [i for i in ids if i not in found.records]:
            raise self._missing(found, missing, uid)
        self._business(found, clean, ids)
        for i in ids:  # what the write sets (a NOT NULL check, a constraint on those fields)
            self._require(found, {**found.records[i], **clean}, only=clean)
        shared = [c for v in clean.values() if isinstance(v, _Commands) for c in v if c[0] < 3]
        if len(ids) > 1 and shared:
            raise Unsupported("x2many commands 0, 1 or 2 in a write on several records")
        for i in ids:
            self._apply(found, found.records[i], clean, uid)
            found.records[i].update(self._stamp(found, uid, created=False))
        return True

    def m_unlink(self, model: str, ids: Any, *, uid: int = 0) -> bool:
        found = self.model(model)
        ids = self._ids(ids)
        missing = [i for i in ids if i not in found.records]
        if missing and self.major >= 16:  # 16: reported on a real server, not run here
            raise self._missing(found, missing, uid)
        if model == "res.partner" and (users := self._users_of(ids)):
            raise Unsupported(f"deleting the contact of user {users[0]} (Odoo refuses it)")
        for i in ids:
            found.records.pop(i, None)
        return True

    def m_fields_get(
        self, model: str, allfields: Any = None, attributes: Any = None, *, uid: int = 0
    ) -> dict[str, Any]:
        found = self.model(model)
        if not all(isinstance(x, list | tuple | str) for x in (allfields or [], attributes or [])):
            raise Unsupported(f"fields_get({allfields!r:.40}, {attributes!r:.40})")
        every = {"id": "integer", "display_name": "char", **found.fields}
        # attributes=[]: every attribute on 11, none from 17 (12-16 unverified: as 17)
        every_attribute = attributes is None or (not attributes and self.major < 12)
        result = {}
        for field, kind in every.items():
            if allfields and field not in allfields:
                continue
            info: dict[str, Any] = found.spec.get(field) or {
                "type": kind,
                "string": found.labels.get(field)
                or (field.replace("_", " ").title() if field != "id" else "ID"),
                "required": field in found.required,
                "readonly": field in ("id", "display_name"),
                **({"relation": found.targets[field]} if field in found.targets else {}),
            }
            # res.users describes its group fields in full, whatever the attributes (11-18)
            whole = model == "res.users" and field.startswith(("in_group_", "sel_groups_"))
            result[field] = {
                k: copy.deepcopy(v)
                for k, v in info.items()
                if whole or every_attribute or k in attributes
            }
        return result

    def m_name_search(
        self, model: str, name: Any = "", domain: Any = None, operator: Any = "ilike",
        limit: Any = 100, *, uid: int = 0,
    ) -> list[Any]:  # fmt: skip
        """The records whose display name matches: each standard model searches the
        fields Odoo 11-19 search (res.partner: complete name, email, ref, vat and
        company registry from 17, display name, email, ref and vat on 11)."""
        found = self.model(model)
        extra = list(domain or [])
        if not isinstance(name, str) or operator not in _NAME_OPERATORS:
            raise Unsupported(f"name_search with {operator!r} and {name!r:.40}")
        if not name:
            if operator not in ("ilike", "like"):
                raise Unsupported(f"name_search of an empty name with {operator!r}")
            rows = self._search(found, extra, 0, limit)
        elif model == "res.partner" and self.major < 12:
            rows = self._partner_name_search_11(found, name, extra, operator, limit)
        else:
            fields = self._name_fields(found)
            if model == "res.partner.category" and self.major < 18:  # as "Parent / Child"
                name = name.split(" / ")[-1]
            leaves: list[Any] = [[f, operator, name] for f in fields]
            if model == "res.partner.category" and self.major >= 18 and "like" in operator:
                # 18+: the tags whose name matches, and their children (child_of)
                ids = {r["id"] for r in self._search(found, leaves)}
                leaves = [["id", "in", sorted(self._descendants(found, ids))]]
            rows = self._search(found, ["|"] * (len(leaves) - 1) + leaves + extra, 0, limit)
        return [[r["id"], self._display(found, r)] for r in rows]

    def _descendants(self, model: Model, ids: set[int]) -> set[int]:
        found = set(ids)
        while (
            more := {i for i, r in model.records.items() if _id(r.get("parent_id")) in found}
            - found
        ):
            found |= more
        return found

    def _name_fields(self, model: Model) -> list[str]:
        """The fields name_search matches (_rec_names_search or _rec_name), where the
        fake knows them."""
        if model.name == "res.partner" and self.major >= 17:
            # company_registry is computed: the fake never holds one (it refuses writing
            # it), so it matches nothing unless a record was added with one
            fields = ["complete_name", "email", "ref", "vat", "company_registry"]
            return [f for f in fields if f not in model.refused
                    or any(f in r for r in model.records.values())]  # fmt: skip
        if model.name == "res.users" and self.major >= 17:
            return ["name", "login"]
        if model.name in ("res.partner", "res.users", "res.country") or (
            model.spec and model.rec_name not in model.fields
        ):
            raise Unsupported(f"name_search on {model.name} (its own search rules)")
        return [model.rec_name if model.spec else "name"]

    def _partner_name_search_11(
        self, model: Model, name: str, extra: list[Any], operator: str, limit: Any
    ) -> list[Mapping[str, Any]]:
        """res.partner.name_search of Odoo 11: email, display name, ref or vat match (SQL
        LIKE, %name% for like/ilike), display-name matches first, then by display name."""
        op, pattern = {"ilike": ("=ilike", f"%{name}%"), "like": ("=like", f"%{name}%"),
                       "=ilike": ("=ilike", name), "=like": ("=like", name)}.get(
            operator, ("=", name))  # fmt: skip
        test = matcher([["v", op, pattern]], {"v": "char"}, model.name, major=self.major)

        def hit(value: Any) -> bool:
            return isinstance(value, str) and test({"id": 0, "v": value})

        rows = [
            r for r in self._search(model, extra)
            if any(hit(self._raw(model, r, f)) for f in ("email", "display_name", "ref", "vat"))
        ]  # fmt: skip
        rows.sort(
            key=lambda r: (not hit(self._display(model, r)), self._display(model, r), r["id"])
        )
        return rows[: int(limit)] if limit else rows

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


def _id(value: Any) -> int | None:
    """The id in a many2one value (an id or an (id, name) pair), None when unset."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _formatted(value: str, fmt: str) -> bool:
    try:
        return datetime.strptime(value, fmt).strftime(fmt) == value
    except ValueError:
        return False


class _Through(dict[str, Any]):
    """A related field's value in a write: written on the record its many2one points to."""


class _View(Mapping[str, Any]):
    """A record as a domain sees it: computed and related fields included, on demand."""

    __slots__ = ("_model", "_row", "_store")

    def __init__(self, store: Store, model: Model, row: Mapping[str, Any]) -> None:
        self._store, self._model, self._row = store, model, row

    def __getitem__(self, field: str) -> Any:
        if field not in ("id", "display_name") and field not in self._model.fields:
            raise KeyError(field)
        return self._store._raw(self._model, self._row, field)

    def __iter__(self) -> Iterator[str]:
        return iter(["id", *self._model.fields])

    def __len__(self) -> int:
        return len(self._model.fields) + 1
