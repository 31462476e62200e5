/**
 * Spark's JDBC data source for static reads and writes: {@link dev.sluice.io.jdbc.JdbcOptions}
 * (Spark's option names), {@link dev.sluice.io.jdbc.JdbcTypes} (Spark's type mapping, PostgreSQL
 * and H2 dialects), {@link dev.sluice.io.jdbc.JdbcTable} (create, insert in one transaction, drop,
 * truncate, read whole or partitioned) and {@link dev.sluice.io.jdbc.JdbcPartitions} (Spark's
 * stride partitioning). Drivers are not dependencies of io: put the database's on the classpath.
 *
 * <pre>{@code
 * JdbcTable table = JdbcTable.of(JdbcOptions.of(Map.of("url", url, "dbtable", "counts")));
 * table.insert(schema, rows);
 * }</pre>
 */
package dev.sluice.io.jdbc;
