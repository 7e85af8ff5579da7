"""A `dlt <https://dlthub.com>`_ source for Odoo: one resource per model, ``id`` as the
primary key, merge loading, incremental on ``write_date``, Arrow batches from
:meth:`Model.export <aio_odoorpc_base.sync.Model.export>`. Needs ``pip install
'aio-odoorpc-base[dlt]'``.

::

    import dlt
    from aio_odoorpc_base.dlt import odoo_source

    source = odoo_source("https://odoo.example.com", database="prod", login="etl",
                         password=dlt.secrets["odoo_password"],
                         models=["res.partner", "sale.order"])
    dlt.pipeline("odoo", destination="duckdb", dataset_name="odoo").run(source)

Each run loads what changed since the previous one (the export's cursor is kept in the
resource's state; the first run loads everything). Records changed while a run reads
are loaded again by the next run, and merge keeps one row per id. Deleted records are
not removed from the destination: Odoo keeps no record of deletions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .errors import ExportError

try:
    import dlt
except ImportError:  # pragma: no cover - the message is tested in a subprocess
    raise ImportError("the dlt source needs dlt: pip install 'aio-odoorpc-base[dlt]'") from None

__all__ = ["odoo_resource", "odoo_source"]


def _client(url: str, database: str, credentials: Mapping[str, Any]) -> Any:
    from .sync import OdooRPC

    return OdooRPC(url, database=database, **credentials)


def odoo_resource(
    url: str,
    model: str,
    *,
    database: str,
    login: str | None = None,
    password: str | None = None,
    uid: int | None = None,
    api_key: str | None = None,
    domain: Sequence[Any] = (),
    fields: Sequence[str] | None = None,
    batch_size: int = 1000,
    concurrency: int = 2,
    lag: float = 300.0,
    name: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> Any:
    """One model as a dlt resource (table ``name``, by default the model with ``_``
    for ``.``): primary key ``id``, merge loading, incremental on ``write_date``."""
    credentials = {"login": login, "password": password, "uid": uid, "api_key": api_key}
    credentials = {k: v for k, v in credentials.items() if v is not None}
    table = name or model.replace(".", "_")

    @dlt.resource(name=table, primary_key="id", write_disposition="merge")
    def records() -> Iterator[Any]:
        import pyarrow

        state = dlt.current.resource_state()
        with _client(url, database, credentials) as odoo:
            export = odoo[model].export(
                domain, fields, batch_size=batch_size, concurrency=concurrency,
                since=state.get("cursor"), lag=lag, context=context, count=False,
            )  # fmt: skip
            for batch in export.batches():
                yield pyarrow.Table.from_batches([batch.to_arrow()])
            if export.cursor is not None:
                state["cursor"] = export.cursor  # kept only when the run completes

    return records


def odoo_source(
    url: str,
    *,
    database: str,
    models: Sequence[str],
    login: str | None = None,
    password: str | None = None,
    uid: int | None = None,
    api_key: str | None = None,
    fields: Mapping[str, Sequence[str]] | None = None,
    domains: Mapping[str, Sequence[Any]] | None = None,
    batch_size: int = 1000,
    concurrency: int = 2,
    lag: float = 300.0,
) -> Any:
    """A dlt source with one resource per model in ``models``; ``fields`` and
    ``domains`` by model (default: every stored field, every record)."""
    if not models:
        raise ExportError("odoo_source needs at least one model, such as ['res.partner']")
    fields, domains = dict(fields or {}), dict(domains or {})
    unknown = sorted((set(fields) | set(domains)) - set(models))
    if unknown:
        raise ExportError(f"fields or domains given for {unknown}, which are not in models")

    @dlt.source(name="odoo")
    def source() -> list[Any]:
        return [
            odoo_resource(
                url,
                model,
                database=database,
                login=login,
                password=password,
                uid=uid,
                api_key=api_key,
                domain=domains.get(model, ()),
                fields=fields.get(model),
                batch_size=batch_size,
                concurrency=concurrency,
                lag=lag,
            )  # fmt: skip
            for model in models
        ]

    return source()
