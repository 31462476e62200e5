/**
 * What the examples share beyond the command line: {@link dev.sluice.examples.support.LineServer}
 * plays bundled lines over a local socket, {@link dev.sluice.examples.support.SocketInput} lets a
 * socket example read either from the user's server or from the bundled data.
 *
 * <pre>{@code
 * @Mixin SocketInput socket;
 * ...
 * DStream<String> lines = socket.open(ssc, input.path(), "dev/sluice/examples/logs/app.log");
 * }</pre>
 */
package dev.sluice.examples.support;
