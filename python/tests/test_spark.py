"""The Spark recipe in local mode: `mapInArrow` over the batch form, and duplicate request ids
found with a group-by over the whole data set."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest

import tencentcloud_envelope as te

if os.environ.get("SKIP_SPARK") == "1":
    pytest.skip("SKIP_SPARK=1: the Spark job is not run", allow_module_level=True)

pyspark = pytest.importorskip("pyspark")
from pyspark.sql import SparkSession  # noqa: E402

from tencentcloud_envelope.spark import duplicate_request_ids, validate_dataframe  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    # Spark's Python workers run this interpreter, where the package is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tencentcloud-envelope-test")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_corpus_in_spark_equals_validate(spark, examples):
    rows = [(str(e.path), e.body, e.service, e.version, e.action) for e in examples]
    frame = spark.createDataFrame(rows, "path string, body binary, service string, version string, action string")
    frame = frame.repartition(4)  # rows of one request id land in different partitions
    checked = validate_dataframe(frame, "body", service="service", version="version", action="action")
    assert checked.columns == ["path", "body", "service", "version", "action", "outcome", "request_id", "code", "rules"]
    got = {r["path"]: (r["outcome"], r["request_id"], r["code"], list(r["rules"])) for r in checked.drop("body").collect()}
    assert len(got) == len(examples)
    for example in examples:
        report = te.validate(example.body, example.service, example.version, example.action)
        assert got[str(example.path)] == (report.outcome, report.request_id, report.code, report.rules), example.path

    duplicates = {r["request_id"]: r["count"] for r in duplicate_request_ids(checked).collect()}
    expected: dict[str, int] = {}
    for report in te.validate_many([e.body for e in examples]):
        if report.request_id:
            expected[report.request_id] = expected.get(report.request_id, 0) + 1
    assert duplicates == {rid: n for rid, n in expected.items() if n > 1}
    assert duplicates


def test_string_bodies_and_no_call_columns(spark):
    ok = '{"Response": {"RequestId": "b5b41468-520d-4192-b42f-595cc34b6c1c"}}'
    frame = spark.createDataFrame([(ok,), (ok,), ("<html>",)], "response string")
    checked = validate_dataframe(frame, "response")
    rows = [(r["outcome"], r["code"], list(r["rules"])) for r in checked.collect()]
    assert sorted(rows) == sorted([("success", None, []), ("success", None, []), ("invalid", None, ["invalid-json"])])
    assert [(r["request_id"], r["count"]) for r in duplicate_request_ids(checked).collect()] == [
        ("b5b41468-520d-4192-b42f-595cc34b6c1c", 2)
    ]


def test_result_columns_must_be_free(spark):
    frame = spark.createDataFrame([("x", "y")], "body string, outcome string")
    with pytest.raises(ValueError, match="outcome"):
        validate_dataframe(frame)


def test_null_bodies_fail_the_job(spark):
    frame = spark.createDataFrame([(None,)], "body binary")
    with pytest.raises(Exception, match="null"):
        validate_dataframe(frame).collect()


def test_the_spark_job_script(spark, examples, tmp_path):
    """`examples/spark_job.py`, the script the README submits to a cluster, on Parquet input
    with call columns, in this process."""
    import importlib.util

    from conftest import REPOSITORY

    spec = importlib.util.spec_from_file_location("spark_job", REPOSITORY / "python" / "examples" / "spark_job.py")
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    sample = examples[:500]
    rows = [(e.body, e.service, e.version, e.action) for e in sample]
    spark.createDataFrame(rows, "body binary, service string, version string, action string").write.parquet(
        str(tmp_path / "input")
    )
    summary = job.main(
        [str(tmp_path / "input"), str(tmp_path / "out"), "--service", "service", "--version", "version", "--action", "action"],
        spark,
    )
    reports = [te.validate(e.body, e.service, e.version, e.action) for e in sample]
    for outcome in ("success", "failure", "invalid"):
        assert summary.get(outcome, 0) == sum(r.outcome == outcome for r in reports)
    ids = [r.request_id for r in reports if r.request_id]
    assert summary["duplicate-request-ids"] == len({i for i in ids if ids.count(i) > 1})
    written = spark.read.parquet(str(tmp_path / "out" / "checked"))
    assert "body" not in written.columns and written.count() == len(sample)


def test_the_spark_job_as_the_readme_submits_it(spark, examples, tmp_path):
    """Regression: the README's local `spark-submit` command failed with "cannot import name
    '_native' from partially initialized module": Python puts a script's folder first on the
    path, and `python/` holds the package's sources without their native half. The command is
    read from the README and run as written, from the repository's root."""
    from conftest import REPOSITORY

    readme = (REPOSITORY / "python" / "README.md").read_text(encoding="utf-8")
    command = re.search(r"Locally: `(spark-submit [^`]*)`", readme)
    assert command, "the README names the local spark-submit command"
    words = shlex.split(command.group(1))
    assert words[-2:] == ["IN", "OUT"], words
    sample = examples[:200]
    spark.createDataFrame([(e.body,) for e in sample], "body binary").write.parquet(str(tmp_path / "in"))
    words[-2:] = [str(tmp_path / "in"), str(tmp_path / "out")]
    # As from a shell where the test environment is active: its spark-submit, its python3.
    bin_dir = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    env.pop("PYSPARK_PYTHON", None)
    done = subprocess.run(words, cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=600)
    # Spark's own log lines aside, stderr holds the script's traceback, if any.
    errors = [line for line in done.stderr.splitlines() if " INFO " not in line and " WARN " not in line]
    assert done.returncode == 0, "\n".join(errors[-40:])
    summary = dict(line.split("\t") for line in done.stdout.splitlines() if "\t" in line)
    reports = [te.validate(e.body) for e in sample]
    for outcome in ("success", "failure", "invalid"):
        assert int(summary.get(outcome, 0)) == sum(r.outcome == outcome for r in reports), done.stdout
    ids = [r.request_id for r in reports if r.request_id]
    assert int(summary["duplicate-request-ids"]) == len({i for i in ids if ids.count(i) > 1})
