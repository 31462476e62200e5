package dev.sluice.runners.microbatch.translate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import dev.sluice.runners.microbatch.testing.UnknownPrimitive;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link StagePlan}, {@link PipelineGraph} and {@link PipelineRewriter}. */
@RunWith(JUnit4.class)
public class StagePlanTest {
  private final Pipeline p =
      Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create());

  private StagePlan plan() {
    PipelineRewriter.rewrite(p);
    return StagePlan.of(PipelineGraph.of(p));
  }

  private static List<StepKind> heads(StagePlan plan) {
    return plan.stages().stream().map(s -> s.head().kind()).collect(Collectors.toList());
  }

  @Test
  public void consecutiveParDosAreFusedIntoTheSourceStage() {
    p.apply(Create.of(1, 2, 3))
        .apply("Double", MapElements.into(TypeDescriptors.integers()).via((Integer i) -> i * 2))
        .apply("Inc", MapElements.into(TypeDescriptors.integers()).via((Integer i) -> i + 1));
    StagePlan plan = plan();
    assertThat(plan.stages().size(), is(1));
    List<String> chain =
        plan.stages().get(0).chain().stream().map(Step::name).collect(Collectors.toList());
    assertThat(chain.stream().anyMatch(n -> n.startsWith("Double")), is(true));
    assertThat(chain.stream().anyMatch(n -> n.startsWith("Inc")), is(true));
  }

  @Test
  public void combinePerKeyIsLiftedAroundAKeyedMergeOfAccumulators() {
    p.apply(Create.of("a", "b", "a")).apply(Count.perElement());
    StagePlan plan = plan();
    StageSpec gbk =
        plan.stages().stream()
            .filter(s -> s.head().kind() == StepKind.COMBINE_ACCUMULATORS)
            .findFirst()
            .orElseThrow();
    StageSpec feeder = gbk.upstream().iterator().next();
    List<String> feederChain = feeder.chain().stream().map(Step::name).collect(Collectors.toList());
    assertThat(
        feederChain.toString(),
        feederChain.stream().anyMatch(n -> n.contains("PartialCombine")),
        is(true));
    assertThat(gbk.kind(), is(StageSpec.Kind.KEYED));
    assertThat(heads(plan).contains(StepKind.GROUP_BY_KEY), is(false));
  }

  @Test
  public void aFlattenedCollectionIsProducedByEveryInputStage() {
    PCollection<String> a = p.apply("A", Create.of("a"));
    PCollection<String> b = p.apply("B", Create.of("b"));
    PCollection<String> both = PCollectionList.of(a).and(b).apply(Flatten.pCollections());
    StagePlan plan = plan();
    assertThat(plan.producersOf(both).size(), is(2));
  }

  @Test
  public void aSideInputStageRunsAfterTheViewItReads() {
    PCollectionView<Iterable<Integer>> view =
        p.apply("Side", Create.of(1)).apply(View.asIterable());
    p.apply("Main", Create.of(2)).apply("Read", ParDo.of(new Identity()).withSideInputs(view));
    StagePlan plan = plan();
    int viewIndex = -1;
    int readerIndex = -1;
    for (int i = 0; i < plan.stages().size(); i++) {
      StageSpec stage = plan.stages().get(i);
      if (stage.kind() == StageSpec.Kind.VIEW) {
        viewIndex = i;
      } else if (stage.kind() == StageSpec.Kind.UNKEYED) {
        readerIndex = i;
      }
    }
    assertThat(viewIndex, lessThan(readerIndex));
    assertThat(plan.stages().get(readerIndex).upstream(), hasItem(plan.stages().get(viewIndex)));
  }

  @Test
  public void anUnknownPrimitiveIsRejectedByName() {
    p.apply("Mystery", new UnknownPrimitive());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, this::plan);
    assertThat(e.getMessage(), containsString("Mystery"));
  }

  /** Passes elements on. */
  private static final class Identity extends DoFn<Integer, Integer> {
    @ProcessElement
    public void process(ProcessContext c) {
      c.output(c.element());
    }
  }
}
