package dev.sluice.benchmarks.facade;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ChildJvmTest {
  @Test
  public void readsResultFieldsAndThePeakHeapAfterGc() {
    assertEquals(
        Map.of("engine", "beam", "seconds", "1.5", "digest", "3:a:b"),
        ChildJvm.fields("engine=beam  seconds=1.5 digest=3:a:b noise"));
    assertEquals(
        120,
        ChildJvm.peakAfterGc(
            List.of(
                "[0.5s][info][gc] Using G1",
                "[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M)"
                    + " 3.1ms",
                "[2.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 400M->80M(512M)"
                    + " 2.0ms")));
    assertEquals(-1, ChildJvm.peakAfterGc(List.of("[0.5s][info][gc] Using G1")));
  }
}
