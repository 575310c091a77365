"""Benchmark: the package's `validate` against the official SDK's own response handling and
against orjson with the same checks in Python, on every documentation example.

    target/python/venv/bin/python python/bench.py [--rounds 7] [--corpus ../shared/corpus/doc-examples]

Each contender reads every body of the corpus once per round, single-threaded; the batch form
runs with 1 and 2 threads. The contenders take turns within each round. Reported: the median
round over `--rounds` rounds, the time per body, the median over rounds of the speed
relative to the SDK's path in the same round, and the CPU time the process used per round
(above the wall-clock time when threads ran at once). Run it after `python/test.sh` has built the
package into target/python/venv, on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

# Python puts this script's directory first on the path, where the package's sources sit
# without their native half: measure the installed package instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import orjson  # noqa: E402
from tencentcloud.common import credential  # noqa: E402
from tencentcloud.common.abstract_client import AbstractClient  # noqa: E402
from tencentcloud.common.abstract_model import AbstractModel  # noqa: E402
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException  # noqa: E402

import tencentcloud_envelope as te  # noqa: E402

HEADERS = {"Content-Type": "application/json"}


class Response:
    """What the SDK reads of a `requests.Response`."""

    __slots__ = ("status_code", "headers", "content")

    def __init__(self, body: bytes) -> None:
        self.status_code = 200
        self.headers = HEADERS
        self.content = body


class Client(AbstractClient):
    _apiVersion = "2017-03-12"
    _endpoint = "cvm.tencentcloudapi.com"
    _service = "cvm"


def sdk_path(bodies: list[bytes]) -> Callable[[], None]:
    """The SDK's own methods, as `_call_and_deserialize` runs them after the network: status
    check, error check (one `json.loads`), then `_process_response` (a second one)."""
    client = Client(credential.Credential("id", "key"), "ap-guangzhou")
    responses = [Response(body) for body in bodies]

    def run() -> None:
        for response in responses:
            try:
                client._check_status(response)
                client._check_error(response)
                client._process_response(response, AbstractModel)
            except TencentCloudSDKException:
                pass
            except Exception:  # noqa: BLE001 - the SDK's leaks are part of its path
                pass

    return run


def checks(data: object) -> None:
    """The SDK's checks, once: an error's code, message and request id, or the payload."""
    response = data["Response"]  # type: ignore[index]
    if "Error" in response:
        error = response["Error"]
        raise TencentCloudSDKException(error["Code"], error["Message"], response["RequestId"])
    if "DeprecatedWarning" in response:
        pass


def json_path(bodies: list[bytes]) -> Callable[[], None]:
    def run() -> None:
        for body in bodies:
            try:
                checks(json.loads(body))
            except TencentCloudSDKException:
                pass
            except Exception:  # noqa: BLE001
                pass

    return run


def orjson_path(bodies: list[bytes]) -> Callable[[], None]:
    def run() -> None:
        for body in bodies:
            try:
                checks(orjson.loads(body))
            except TencentCloudSDKException:
                pass
            except Exception:  # noqa: BLE001
                pass

    return run


def package_validate(bodies: list[bytes]) -> Callable[[], None]:
    validate = te.validate

    def run() -> None:
        for body in bodies:
            validate(body)

    return run


def package_batch(bodies: list[bytes], threads: int) -> Callable[[], None]:
    def run() -> None:
        te.validate_many(bodies, threads=threads)

    return run


def measure(
    contenders: list[tuple[str, Callable[[], None]]], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and CPU seconds (all threads of the process) per round of each contender.
    The contenders take turns within each round, so a change in the machine's load falls on
    all of them alike."""
    for _, run in contenders:
        run()  # warm-up
    wall: dict[str, list[float]] = {name: [] for name, _ in contenders}
    cpu: dict[str, list[float]] = {name: [] for name, _ in contenders}
    for round_ in range(rounds):
        turn = contenders[round_ % len(contenders):] + contenders[: round_ % len(contenders)]
        for name, run in turn:
            start, start_cpu = time.perf_counter(), time.process_time()
            run()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parent
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=here.parent.parent / "shared" / "corpus" / "doc-examples")
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*/*/*.json"))
    if not paths:
        print(f"no examples under {args.corpus}", file=sys.stderr)
        return 2
    bodies = [path.read_bytes() for path in paths]
    size = sum(map(len, bodies))
    warnings.simplefilter("ignore")
    contenders = [
        ("official SDK path (json.loads twice + its checks)", sdk_path(bodies)),
        ("json.loads once + the same checks in Python", json_path(bodies)),
        ("orjson.loads + the same checks in Python", orjson_path(bodies)),
        ("tencentcloud_envelope.validate", package_validate(bodies)),
        ("validate_many, 1 thread", package_batch(bodies, 1)),
        ("validate_many, 2 threads", package_batch(bodies, 2)),
    ]
    print(f"{len(bodies)} bodies, {size / 1e6:.1f} MB; median of {args.rounds} rounds; {os.cpu_count()} cores\n")
    times, cpu = measure(contenders, args.rounds)
    baseline = times[contenders[0][0]]
    print("| contender | median round | per body | vs SDK path (median of per-round ratios) | CPU per round |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in contenders:
        seconds = statistics.median(times[name])
        ratio = statistics.median(b / t for b, t in zip(baseline, times[name]))
        print(
            f"| {name} | {seconds * 1e3:.1f} ms | {seconds / len(bodies) * 1e6:.2f} µs | {ratio:.2f}× "
            f"| {statistics.median(cpu[name]) * 1e3:.1f} ms |"
        )
    print()
    print(json.dumps({name: round(statistics.median(t) * 1e3, 2) for name, t in times.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
