package dev.sluice.io.stream;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The one runner option the facades set, declared here so the facades never import a runner: Beam
 * keeps option values by property name, so setting {@code blockOnRun} through this interface is
 * what MicroBatchRunner and the DirectRunner read through theirs.
 *
 * <pre>{@code
 * options.as(RunOptions.class).setBlockOnRun(false); // Pipeline.run() returns at once
 * }</pre>
 */
public interface RunOptions extends PipelineOptions {
  @Description(
      "If true (the default), Pipeline.run() blocks until the pipeline finishes, as Beam's"
          + " DirectRunner does. Set to false to get the PipelineResult at once.")
  @Default.Boolean(true)
  boolean isBlockOnRun();

  void setBlockOnRun(boolean blockOnRun);
}
