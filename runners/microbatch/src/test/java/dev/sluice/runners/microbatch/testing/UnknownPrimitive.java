package dev.sluice.runners.microbatch.testing;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * A primitive transform that no runner knows, for tests of how unsupported transforms are reported.
 *
 * <pre>{@code
 * pipeline.apply("Mystery", new UnknownPrimitive());
 * }</pre>
 */
public final class UnknownPrimitive extends PTransform<PBegin, PCollection<String>> {
  @Override
  public PCollection<String> expand(PBegin input) {
    return PCollection.createPrimitiveOutputInternal(
        input.getPipeline(),
        WindowingStrategy.globalDefault(),
        PCollection.IsBounded.BOUNDED,
        StringUtf8Coder.of());
  }
}
