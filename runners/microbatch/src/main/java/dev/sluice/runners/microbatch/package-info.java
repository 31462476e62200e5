/** The MicroBatchRunner: executes Beam pipelines as a loop of micro-batches. */
package dev.sluice.runners.microbatch;
