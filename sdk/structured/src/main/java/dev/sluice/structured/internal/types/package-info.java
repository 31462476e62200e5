/**
 * Data types (internal): {@code BeamTypes} converts the public {@code dev.sluice.structured.types}
 * to and from the Beam schemas the engine runs on.
 *
 * <pre>{@code
 * Schema beam = BeamTypes.toBeam(StructType.fromDDL("id INT, name STRING"));
 * }</pre>
 */
package dev.sluice.structured.internal.types;
