/**
 * Per-key state and timers of keyed stages: Beam's in-memory state cells, a timer queue per
 * partition, and the watermark holds both impose.
 */
package dev.sluice.runners.microbatch.state;
