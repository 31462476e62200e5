/**
 * What both facades share: the pipeline options they set on any runner without importing one.
 *
 * <pre>{@code
 * options.as(RunOptions.class).setBlockOnRun(false);
 * }</pre>
 */
package dev.sluice.sdk;
