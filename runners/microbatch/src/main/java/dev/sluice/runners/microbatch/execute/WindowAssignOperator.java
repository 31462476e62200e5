package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.Step;
import java.util.Collection;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.WindowedValue;
import org.apache.beam.sdk.values.WindowedValues;
import org.joda.time.Instant;

/**
 * {@code Window.Assign}, fused: assigns each element the windows of the new {@link WindowFn}.
 *
 * <pre>{@code
 * WindowAssignOperator assign = new WindowAssignOperator(step, downstream);
 * assign.accept(element); // downstream receives the element in its new windows
 * }</pre>
 */
final class WindowAssignOperator implements ElementReceiver {
  private final String stepName;
  private final WindowFn<Object, BoundedWindow> windowFn;
  private final ElementReceiver output;

  @SuppressWarnings("unchecked")
  WindowAssignOperator(Step step, ElementReceiver output) {
    this.stepName = step.name();
    WindowFn<?, ?> fn = ((Window.Assign<?>) step.transform()).getWindowFn();
    this.windowFn =
        (WindowFn<Object, BoundedWindow>)
            (fn != null ? fn : step.mainInput().getWindowingStrategy().getWindowFn());
    this.output = output;
  }

  @Override
  public void accept(WindowedValue<?> value) {
    if (value.getWindows().size() > 1) {
      for (WindowedValue<?> single : value.explodeWindows()) {
        assign(single);
      }
    } else {
      assign(value);
    }
  }

  private void assign(WindowedValue<?> value) {
    Collection<BoundedWindow> windows;
    try {
      windows = windowFn.assignWindows(new Context(value));
    } catch (Exception e) {
      throw StepFailure.of(stepName, e);
    }
    output.accept(
        WindowedValues.of(value.getValue(), value.getTimestamp(), windows, value.getPaneInfo()));
  }

  private final class Context extends WindowFn<Object, BoundedWindow>.AssignContext {
    private final WindowedValue<?> value;

    Context(WindowedValue<?> value) {
      windowFn.super();
      this.value = value;
    }

    @Override
    public Object element() {
      return value.getValue();
    }

    @Override
    public Instant timestamp() {
      return value.getTimestamp();
    }

    @Override
    public BoundedWindow window() {
      return value.getWindows().iterator().next();
    }
  }
}
