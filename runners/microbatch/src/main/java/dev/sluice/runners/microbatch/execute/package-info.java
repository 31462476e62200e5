/**
 * The batch loop: stages, fused chains of operators, shuffle buffers between stages, and the worker
 * threads that run them.
 */
package dev.sluice.runners.microbatch.execute;
