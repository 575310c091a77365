"""Validates captured response bodies with Spark and writes what it found.

    spark-submit spark_job.py INPUT OUTPUT [--body body] [--service service] [--version version]
                 [--action action] [--format parquet|json]

INPUT is a Parquet (or, with --format json, JSON Lines) data set with a column of bodies
(binary or string) and, optionally, columns naming each body's service, version and action.
OUTPUT receives two data sets: `checked/` (every input column but the body, plus outcome,
request_id, code and rules) and `duplicate-request-ids/` (request_id, count). A summary by
outcome is printed. The executors need the `tencentcloud-envelope` package installed.
"""

from __future__ import annotations

import argparse
from typing import Optional, Sequence

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from tencentcloud_envelope.spark import duplicate_request_ids, validate_dataframe


def main(argv: Optional[Sequence[str]] = None, spark: Optional[SparkSession] = None) -> dict[str, int]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--body", default="body")
    parser.add_argument("--service")
    parser.add_argument("--version")
    parser.add_argument("--action")
    parser.add_argument("--format", choices=["parquet", "json"], default="parquet")
    args = parser.parse_args(argv)
    spark = spark or SparkSession.builder.appName("tencentcloud-envelope").getOrCreate()

    frame = spark.read.format(args.format).load(args.input)
    checked = validate_dataframe(
        frame, args.body, service=args.service, version=args.version, action=args.action
    ).drop(args.body)
    checked.write.mode("overwrite").parquet(f"{args.output}/checked")
    checked = spark.read.parquet(f"{args.output}/checked")  # validated once, read back
    duplicate_request_ids(checked).write.mode("overwrite").parquet(f"{args.output}/duplicate-request-ids")
    summary = {row["outcome"]: row["count"] for row in checked.groupBy("outcome").count().collect()}
    summary["duplicate-request-ids"] = spark.read.parquet(f"{args.output}/duplicate-request-ids").count()
    for name, count in sorted(summary.items()):
        print(f"{name}\t{count}")
    return summary


if __name__ == "__main__":
    main()
