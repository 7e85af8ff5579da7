"""Secrets stay out of logs, reprs and messages."""

from __future__ import annotations

import logging

import pytest

from aio_odoorpc_base import errors, sync
from aio_odoorpc_base._protocol.jsonrpc import JsonRpcRequest

from ..support.recorded_odoo import RecordedOdoo, Replay


def test_secrets_stay_out_of_logs_and_reprs(
    fake: RecordedOdoo, caplog: pytest.LogCaptureFixture
) -> None:
    from ..support.clients import urllib_poster

    caplog.set_level(logging.DEBUG, logger="aio_odoorpc_base")
    fake.add(Replay("error-wrong-password"))
    with pytest.raises(errors.AccessDenied) as info:
        sync.execute_kw(
            urllib_poster,
            fake.url,
            db="cap_main",
            uid=1,
            password="pw-s3cret",
            obj="res.partner",
            method="search",
            args=[[]],
        )
    request = JsonRpcRequest.call(
        fake.url, "db", "change_admin_password", ["old-s3cret", "new-s3cret"]
    )
    assert "s3cret" not in repr(request)
    assert request.redact("old-s3cret then new-s3cret") == "*** then ***"
    text = caplog.text + str(info.value) + repr(info.value)
    assert "object.execute_kw" in caplog.text
    assert "s3cret" not in text
