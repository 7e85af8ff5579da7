"""The low-level /jsonrpc calls, async (the module path of aio-odoorpc-base 3.0.4)."""

from .._async._rpc import jsonrpc
from .._async.v304 import check_jsonrpc_response, rpc_call_and_check, rpc_result
from ..protocols import (
    T_AsyncHttpClient as T_AsyncHttpClient,  # as in 3.0.4
    T_AsyncResponse as T_AsyncResponse,
)

__all__ = ["check_jsonrpc_response", "jsonrpc", "rpc_call_and_check", "rpc_result"]
