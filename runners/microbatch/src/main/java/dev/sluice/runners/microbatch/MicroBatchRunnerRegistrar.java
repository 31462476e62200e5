package dev.sluice.runners.microbatch;

import com.google.auto.service.AutoService;
import java.util.List;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;

/**
 * Registers the {@link MicroBatchRunner} and its options with Beam, so that {@code
 * --runner=MicroBatchRunner} (or {@code --runner=microbatch}) works from {@link
 * org.apache.beam.sdk.options.PipelineOptionsFactory}.
 *
 * <pre>{@code
 * PipelineOptions options =
 *     PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create();
 * }</pre>
 */
public final class MicroBatchRunnerRegistrar {
  private MicroBatchRunnerRegistrar() {}

  /** Registers the runner class. */
  @AutoService(PipelineRunnerRegistrar.class)
  public static final class Runner implements PipelineRunnerRegistrar {
    @Override
    public Iterable<Class<? extends PipelineRunner<?>>> getPipelineRunners() {
      return List.of(MicroBatchRunner.class);
    }
  }

  /** Registers {@link MicroBatchPipelineOptions}. */
  @AutoService(PipelineOptionsRegistrar.class)
  public static final class Options implements PipelineOptionsRegistrar {
    @Override
    public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
      return List.of(MicroBatchPipelineOptions.class);
    }
  }
}
