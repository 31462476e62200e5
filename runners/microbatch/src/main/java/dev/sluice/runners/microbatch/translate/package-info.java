/**
 * From a Beam pipeline to an execution plan: rewrites into runner primitives, the primitive graph,
 * and its cut into fused stages.
 */
package dev.sluice.runners.microbatch.translate;
