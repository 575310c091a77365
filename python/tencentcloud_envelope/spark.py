"""Validating captured bodies in Spark, through Arrow batches.

:func:`validate_dataframe` adds the columns ``outcome``, ``request_id``, ``code`` and
``rules`` to a DataFrame of bodies (``binary`` or ``string``), with optional ``service``,
``version`` and ``action`` columns; each Arrow batch goes to :func:`validate_columns` in one
call, which checks its bodies on every core of the executor with the GIL released.
:func:`duplicate_request_ids` finds request ids that occur more than once across the whole
data set with a group-by, so repeats in different partitions are found too.

The executors need this package installed (see the README for ``spark-submit``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

from ._native import validate_columns

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow  # type: ignore[import-untyped, unused-ignore]
    from pyspark.sql import DataFrame

#: The columns the validation adds, as a Spark DDL schema fragment.
RESULT_FIELDS = "outcome string, request_id string, code string, rules array<string>"


def _check_batches(
    batches: Iterator["pyarrow.RecordBatch"],
    body: str,
    service: Optional[str],
    version: Optional[str],
    action: Optional[str],
    threads: Optional[int],
) -> Iterator["pyarrow.RecordBatch"]:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    rules_type = pa.list_(pa.string())
    for batch in batches:
        bodies = batch.column(body).to_pylist()
        missing = [i for i, value in enumerate(bodies) if value is None]
        if missing:
            raise ValueError(f"the body column `{body}` is null in {len(missing)} rows")
        def column(name: Optional[str]) -> Optional[list[Optional[str]]]:
            return batch.column(name).to_pylist() if name else None

        result = validate_columns(
            bodies, column(service), column(version), column(action), threads=threads
        )
        arrays = [batch.column(i) for i in range(batch.num_columns)]
        names = list(batch.schema.names)
        arrays += [
            pa.array(result["outcome"], pa.string()),
            pa.array(result["request_id"], pa.string()),
            pa.array(result["code"], pa.string()),
            pa.array(result["rules"], rules_type),
        ]
        names += ["outcome", "request_id", "code", "rules"]
        yield pa.RecordBatch.from_arrays(arrays, names=names)


def validate_dataframe(
    frame: "DataFrame",
    body: str = "body",
    *,
    service: Optional[str] = None,
    version: Optional[str] = None,
    action: Optional[str] = None,
    threads: Optional[int] = None,
) -> "DataFrame":
    """``frame`` with the columns ``outcome``, ``request_id``, ``code`` and ``rules`` added,
    computed by ``mapInArrow`` over the batch form. ``service``, ``version`` and ``action``
    name optional columns giving each body's call; a row with a version or an action but no
    service fails the job with ``ValueError``, as in ``validate``. ``threads`` per Python
    worker defaults to one per core; with several Python workers per executor, set it to
    cores / workers."""
    taken = {"outcome", "request_id", "code", "rules"} & set(frame.columns)
    if taken:
        raise ValueError(f"the frame already has the result columns {sorted(taken)}")
    schema = ", ".join(
        [f"`{field.name}` {field.dataType.simpleString()}" for field in frame.schema.fields]
        + [RESULT_FIELDS]
    )

    def check(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        return _check_batches(batches, body, service, version, action, threads)

    return frame.mapInArrow(check, schema)


def duplicate_request_ids(checked: "DataFrame") -> "DataFrame":
    """The request ids that occur in more than one row of ``checked`` (the output of
    :func:`validate_dataframe`), with their ``count``, by a group-by over the whole data
    set."""
    from pyspark.sql import functions as F

    return (
        checked.where(F.col("request_id").isNotNull() & (F.col("request_id") != ""))
        .groupBy("request_id")
        .count()
        .where(F.col("count") > 1)
    )


__all__ = ["RESULT_FIELDS", "duplicate_request_ids", "validate_dataframe"]
