package dev.sluice.io.state;

/**
 * One key and its value in a {@link StateStore}, both as the bytes the store holds.
 *
 * <pre>{@code
 * for (Iterator<StateEntry> it = store.iterator(); it.hasNext(); ) {
 *   StateEntry e = it.next();
 *   System.out.println(e.key().length + " -> " + e.value().length);
 * }
 * }</pre>
 */
public record StateEntry(byte[] key, byte[] value) {}
