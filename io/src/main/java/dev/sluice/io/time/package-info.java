/**
 * Time written as text: {@link dev.sluice.io.time.DurationText}, the one duration grammar of
 * Sluice's options, facades and command lines.
 *
 * <pre>{@code
 * long delay = DurationText.parseMillis("10 minutes");
 * }</pre>
 */
package dev.sluice.io.time;
