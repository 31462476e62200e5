"""Reads a Parquet file Sluice wrote (io-parquet's InteropFilesTest writes
target/interop/sluice_all_types.parquet) with pyarrow and DuckDB and checks the values, the other
way round from InteropFilesTest. Run by hand from io-parquet/ after the tests:

    python3 src/test/resources/interop/read_sluice_files.py target/interop/sluice_all_types.parquet
"""
import datetime as dt
import json
import sys
from decimal import Decimal

import duckdb
import pyarrow.parquet as pq

path = sys.argv[1]
f = pq.ParquetFile(path)
meta = f.metadata.metadata
spark = json.loads(meta[b"org.apache.spark.sql.parquet.row.metadata"])
assert [x["name"] for x in spark["fields"]][:3] == ["s", "b", "i8"], spark
print(f.schema)
rows = f.read().to_pylist()
full, nulls, empties = rows
assert full["s"] == "héllo, wörld ✓"
assert full["i8"] == -128 and full["i16"] == 32767 and full["i64"] == 2**63 - 1
assert full["bin"] == b"bytes"
assert full["day"] == dt.date(1500, 2, 28)
assert full["ts"] == dt.datetime(1969, 12, 31, 23, 59, 59, 123000, tzinfo=dt.timezone.utc)
assert full["ntz"] == dt.datetime(2024, 5, 1, 12, 30, 45, 123456)
assert full["d9"] == Decimal("-1234567.89")
assert full["d38"] == Decimal("-1234567890123456789012345678.0123456789")
assert full["nested"] == {"name": "n", "inner": {"x": 42, "tags": ["x", None]}}
assert full["arr"] == [1, None, -3]
assert full["structs"] == [{"k": "a", "v": 1.0}, None, {"k": None, "v": None}]
assert full["matrix"] == [[1, 2], [], None]
assert dict(full["m"]) == {"one": 1, "none": None}
assert dict(full["mnested"]) == {7: ["a", None, "c"], -1: []}
assert all(v is None for v in nulls.values())
assert empties["arr"] == [] and empties["m"] == [] and empties["nested"] == {"name": None, "inner": None}

con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
got = con.execute(
    f"SELECT s, d18, ts, arr, m, nested.inner.x FROM read_parquet('{path}') ORDER BY i32 NULLS LAST"
).fetchall()
print(got)
assert got[0][0] == "héllo, wörld ✓"
assert got[0][1] == Decimal("12345678901234.5678")
assert got[0][3] == [1, None, -3]
assert got[0][5] == 42
# The partitioned sink directory next to the file: Hive partitioning, %XX escapes, null default.
import os
import pyarrow.dataset as ds

parts = os.path.join(os.path.dirname(path), "sluice_partitioned")
table = ds.dataset(parts, format="parquet", partitioning="hive").to_table()
print(table.to_pylist())
got = {r["id"]: (str(r["day"]), r["kind"]) for r in table.to_pylist()}
assert got == {1: ("2024-05-01", "a/b"), 2: ("2024-05-02", None)}, got
rows = con.execute(
    f"SELECT id, day, kind FROM read_parquet('{parts}/*/*/*.parquet', hive_partitioning=true)"
    " ORDER BY id").fetchall()
print(rows)
assert [(r[0], str(r[1]), r[2]) for r in rows] == [(1, "2024-05-01", "a/b"), (2, "2024-05-02", None)], rows

print("pyarrow", __import__("pyarrow").__version__, "and duckdb", duckdb.__version__, "read", path, "as written")
