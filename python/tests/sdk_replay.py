"""The official Python SDK's own response handling, replayed on a body without a network.

`AbstractClient._call_and_deserialize` sends the request, then runs `_check_status`,
`_check_error` and `_process_response` on the `requests` response; `replay` runs those same
three methods of a real client on a stand-in response, with the action's own response model.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple, Optional

from tencentcloud.common import credential
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.abstract_model import AbstractModel
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException


class FakeRequest:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


class FakeResponse:
    """What the SDK reads of a `requests.Response`: status, headers and content."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes, request: Optional[FakeRequest] = None):
        self.status_code = status
        self.headers = headers
        self.content = body
        self.request = request

    def iter_lines(self):  # only read for event streams
        return iter(self.content.splitlines())


class Client(AbstractClient):
    _apiVersion = "2017-03-12"
    _endpoint = "cvm.tencentcloudapi.com"
    _service = "cvm"


def client() -> Client:
    return Client(credential.Credential("id", "key"), "ap-guangzhou")


_models: dict[tuple[str, str], Any] = {}


def response_model(service: str, version_dir: str, action: str) -> type:
    """The SDK's `<Action>Response` model for the call, or the bare `AbstractModel`."""
    key = (service, version_dir)
    if key not in _models:
        try:
            _models[key] = importlib.import_module(f"tencentcloud.{service}.{version_dir}.models")
        except ImportError:
            _models[key] = None
    module = _models[key]
    return getattr(module, f"{action}Response", AbstractModel) if module else AbstractModel


class Outcome(NamedTuple):
    """`accepted` (a model came back), `sdk-error` (a TencentCloudSDKException, with its code)
    or `leak` (any other exception, with its type)."""

    kind: str
    detail: Optional[str]


def replay(sdk_client: AbstractClient, response: FakeResponse, model: type) -> Outcome:
    try:
        sdk_client._check_status(response)
        sdk_client._check_error(response)
        sdk_client._process_response(response, model)
    except TencentCloudSDKException as error:
        return Outcome("sdk-error", error.code)
    except Exception as error:  # noqa: BLE001 - which exceptions escape is what is measured
        return Outcome("leak", type(error).__name__)
    return Outcome("accepted", None)
