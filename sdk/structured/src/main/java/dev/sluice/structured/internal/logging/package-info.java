/**
 * Log levels (internal): {@code LogLevels} sets the root level of the application's SLF4J backend
 * for {@code StreamingSession.setLogLevel}.
 *
 * <pre>{@code
 * LogLevels.set("WARN");
 * }</pre>
 */
package dev.sluice.structured.internal.logging;
