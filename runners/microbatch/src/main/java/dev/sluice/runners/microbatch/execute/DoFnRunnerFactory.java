package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.Step;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.runners.core.DoFnRunner;
import org.apache.beam.runners.core.DoFnRunners;
import org.apache.beam.runners.core.SideInputReader;
import org.apache.beam.runners.core.StepContext;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.reflect.DoFnInvoker;
import org.apache.beam.sdk.transforms.reflect.DoFnInvokers;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.util.WindowedValueMultiReceiver;
import org.apache.beam.sdk.util.construction.ParDoTranslation;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowedValue;

/**
 * Builds the pieces every {@code ParDo} instance needs: a private copy of the {@link DoFn} (set
 * up), an output manager routing tags to receivers, and Beam's {@code SimpleDoFnRunner}.
 *
 * <pre>{@code
 * DoFnInstance instance = DoFnRunnerFactory.setUp(context, parDo.getFn());
 * DoFnRunner<?, ?> runner = DoFnRunnerFactory.simpleRunner(
 *     context, step, instance.fn(), sideInputs, outputs, stepContext);
 * }</pre>
 */
final class DoFnRunnerFactory {
  private DoFnRunnerFactory() {}

  /** A deserialized, set-up DoFn and its invoker. */
  static final class DoFnInstance {
    private final DoFn<?, ?> fn;
    private final DoFnInvoker<?, ?> invoker;

    DoFnInstance(DoFn<?, ?> fn, DoFnInvoker<?, ?> invoker) {
      this.fn = fn;
      this.invoker = invoker;
    }

    DoFn<?, ?> fn() {
      return fn;
    }

    void teardown() {
      invoker.invokeTeardown();
    }
  }

  /** Copies {@code prototype} through Java serialization and calls its {@code @Setup}. */
  static DoFnInstance setUp(ExecutionContext context, String stepName, DoFn<?, ?> prototype) {
    DoFn<?, ?> fn = SerializableUtils.clone(prototype);
    try {
      return new DoFnInstance(fn, DoFnInvokers.tryInvokeSetupFor(fn, context.options()));
    } catch (RuntimeException e) {
      throw StepFailure.of(stepName, e);
    }
  }

  /** Routes each output tag of {@code step} to its receiver. */
  static WindowedValueMultiReceiver outputManager(Map<TupleTag<?>, ElementReceiver> receivers) {
    if (receivers.size() == 1) {
      TupleTag<?> only = receivers.keySet().iterator().next();
      ElementReceiver receiver = receivers.get(only);
      return new WindowedValueMultiReceiver() {
        @Override
        public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
          if (!only.equals(tag)) {
            throw new IllegalArgumentException("Unknown output tag " + tag);
          }
          receiver.accept(value);
        }
      };
    }
    return new WindowedValueMultiReceiver() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        ElementReceiver receiver = receivers.get(tag);
        if (receiver == null) {
          throw new IllegalArgumentException("Unknown output tag " + tag);
        }
        receiver.accept(value);
      }
    };
  }

  /** Output coders of {@code step} by tag. */
  static Map<TupleTag<?>, Coder<?>> outputCoders(Step step) {
    Map<TupleTag<?>, Coder<?>> coders = new HashMap<>();
    step.outputs().forEach((tag, pc) -> coders.put(tag, pc.getCoder()));
    return coders;
  }

  /** Beam's simple runner for a {@code ParDo.MultiOutput} step. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static DoFnRunner<Object, Object> simpleRunner(
      ExecutionContext context,
      Step step,
      DoFn<?, ?> fn,
      SideInputReader sideInputs,
      WindowedValueMultiReceiver outputs,
      StepContext stepContext) {
    ParDo.MultiOutput<?, ?> parDo = (ParDo.MultiOutput<?, ?>) step.transform();
    PCollection<?> input = step.mainInput();
    return (DoFnRunner)
        DoFnRunners.simpleRunner(
            context.options(),
            (DoFn) fn,
            sideInputs,
            outputs,
            (TupleTag) parDo.getMainOutputTag(),
            parDo.getAdditionalOutputTags().getAll(),
            stepContext,
            (Coder) input.getCoder(),
            outputCoders(step),
            input.getWindowingStrategy(),
            ParDoTranslation.getSchemaInformation(step.applied()),
            parDo.getSideInputs());
  }
}
