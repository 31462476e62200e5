/**
 * A real PostgreSQL server on loopback for tests and local runs: {@link
 * dev.sluice.postgres.local.LocalPostgres} starts Debian's PostgreSQL binaries in a fresh data
 * directory and stops it (deleting the directory) on close.
 *
 * <pre>{@code
 * try (LocalPostgres pg = LocalPostgres.start()) {
 *   System.out.println(pg.jdbcUrl());
 * }
 * }</pre>
 */
package dev.sluice.postgres.local;
