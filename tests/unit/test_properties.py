"""Properties over many generated inputs: a streamed multipart body parses back to what
went in (whatever the bytes, read in whatever sizes), and JSON-2 argument naming keeps
every value under the name Odoo's signature gives it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from aio_odoorpc_base._client.calls import SIGNATURES, named_arguments
from aio_odoorpc_base._protocol.webdb import MultipartBody

from ..support.recorded_odoo19 import parse_multipart

field_text = st.text(st.characters(codec="utf-8", blacklist_characters="\r\n\x00"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    fields=st.dictionaries(st.sampled_from(["master_pwd", "name", "copy"]), field_text),
    content=st.binary(max_size=200_000),
    read_size=st.integers(min_value=1, max_value=70_000),
)
def test_multipart_round_trip(fields: dict[str, str], content: bytes, read_size: int) -> None:
    import hashlib

    seen: list[tuple[int, int | None]] = []
    body = MultipartBody(
        fields, "backup_file", "b.zip", io.BytesIO(content), lambda d, t: seen.append((d, t))
    )
    length = len(body)
    stream = io.BytesIO()
    while chunk := body.read(read_size):
        stream.write(chunk)
    assert stream.tell() == length
    stream.seek(0)
    upload = parse_multipart(stream.read, length, body.content_type)
    assert upload.fields == fields
    assert upload.files["backup_file"] == (
        "b.zip",
        len(content),
        hashlib.sha256(content).hexdigest(),
    )
    if content:
        assert seen[-1] == (len(content), len(content))


@given(
    method=st.sampled_from(sorted(SIGNATURES)),
    values=st.lists(st.integers() | st.text(max_size=5), max_size=8),
)
def test_positional_arguments_get_their_names(method: str, values: list[Any]) -> None:
    names = SIGNATURES[method]
    record = method in ("read", "write", "unlink", "copy", "exists", "has_access")
    args = ([[1, 2]] if record else []) + values
    if len(values) > len(names):
        with pytest.raises(TypeError, match="positional"):
            named_arguments("m", method, args, {})
        return
    ids, params = named_arguments("m", method, args, {})
    assert ids == ([1, 2] if record else None)
    assert params == dict(zip(names, values, strict=False))
