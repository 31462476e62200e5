/**
 * Machinery of the DStream facade that users never import: the facade's element coder, the socket
 * and new-files sources, and per-context console and error registries.
 *
 * <pre>{@code
 * pipeline.apply(Read.from(new SocketLineSource("localhost", 9999, contextId)))
 *     .setCoder(StringUtf8Coder.of());
 * }</pre>
 */
package dev.sluice.dstream.internal;
