"""Writes the Parquet files of this directory with independent writers (Arrow C++ through pyarrow,
and DuckDB), for io-parquet's InteropFilesTest. Run with a Python that has pyarrow and duckdb:

    python3 make_interop_files.py

The files were made with pyarrow 25.0.1 and duckdb 1.5.6 (Python 3.11). Their values are checked
one by one in InteropFilesTest; change both together.
"""
import datetime as dt
from decimal import Decimal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

UTC = dt.timezone.utc

# Spark 3's default layout: INT96 timestamps, decimals as INT32/INT64/FIXED, 3-level lists with
# "element", maps as key_value, snappy.
spark_like = pa.table(
    {
        "id": pa.array([1, 2, None], pa.int64()),
        "name": pa.array(["a", None, "ü"], pa.string()),
        "ts": pa.array(
            [dt.datetime(2024, 5, 1, 12, 30, 45, 123000, tzinfo=UTC), None,
             dt.datetime(1969, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)],
            pa.timestamp("us", tz="UTC")),
        "day": pa.array([dt.date(2024, 5, 1), dt.date(1500, 2, 28), None], pa.date32()),
        "d9": pa.array([Decimal("-1234567.89"), None, Decimal("0.01")], pa.decimal128(9, 2)),
        "d18": pa.array([Decimal("12345678901234.5678"), None, Decimal("-1")], pa.decimal128(18, 4)),
        "d38": pa.array([Decimal("-1234567890123456789012345678.0123456789"), None, Decimal("0")],
                        pa.decimal128(38, 10)),
        "tags": pa.array([["x", None], [], None], pa.list_(pa.string())),
        "props": pa.array([[("k", 1), ("n", None)], [], None], pa.map_(pa.string(), pa.int32())),
        "point": pa.array([{"x": 1.5, "y": None}, None, {"x": None, "y": -2.0}],
                          pa.struct([("x", pa.float64()), ("y", pa.float64())])),
    }
)
pq.write_table(
    spark_like,
    "pyarrow_int96.parquet",
    compression="snappy",
    use_deprecated_int96_timestamps=True,
    store_decimal_as_integer=True,
)

# Millisecond timestamps, the list element named "item" (Arrow's legacy naming), gzip.
millis = pa.table(
    {
        "ts": pa.array([dt.datetime(2024, 5, 1, 0, 0, 0, 7000, tzinfo=UTC), None],
                       pa.timestamp("ms", tz="UTC")),
        "nums": pa.array([[1, 2, 3], None], pa.list_(pa.int32())),
        "small": pa.array([-8, 7], pa.int8()),
        "flag": pa.array([True, None], pa.bool_()),
        "blob": pa.array([b"\x00\xff", None], pa.binary()),
    }
)
pq.write_table(millis, "pyarrow_millis.parquet", compression="gzip",
               use_compliant_nested_type=False)

# DuckDB: zstd, timestamps with time zone (adjusted to UTC) and without (local).
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute(
    """
    COPY (
      SELECT * FROM (VALUES
        (1::INTEGER, 'one', TIMESTAMPTZ '2024-05-01 10:00:00.5+00', TIMESTAMP '2024-05-01 10:00:00',
         [1.5, NULL]::DOUBLE[], {'a': 1::BIGINT, 'b': [true, false]}, 123.45::DECIMAL(5,2)),
        (2, NULL, NULL, NULL, NULL, NULL, NULL)
      ) t(id, s, tstz, ts_local, ds, st, dec)
    ) TO 'duckdb_zstd.parquet' (FORMAT parquet, COMPRESSION zstd)
    """
)
