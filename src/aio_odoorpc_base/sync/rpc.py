"""The low-level /jsonrpc calls, sync (the module path of aio-odoorpc-base 3.0.4)."""

from .._sync._rpc import jsonrpc
from .._sync.v304 import check_jsonrpc_response, rpc_call_and_check, rpc_result
from ..protocols import (
    T_HttpClient as T_HttpClient,  # as in 3.0.4
    T_Response as T_Response,
)

__all__ = ["check_jsonrpc_response", "jsonrpc", "rpc_call_and_check", "rpc_result"]
