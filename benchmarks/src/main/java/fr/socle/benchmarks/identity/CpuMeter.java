package fr.socle.benchmarks.identity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Reports, next to JMH's wall-clock score, the benchmark thread's CPU time per operation for each
 * measured iteration. On a shared machine whose load exceeds its cores, wall-clock time mostly
 * measures the wait for a core; CPU time per operation is much less sensitive to it, so the two
 * benchmarks compared in a run can still be compared. Printed as {@code cpu: <name> <µs/op>}.
 */
@State(Scope.Thread)
public class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private long startCpuNanos;
  private long operations;

  /** Counts one operation; called by the benchmark method. */
  public void tick() {
    operations++;
  }

  @Setup(Level.Iteration)
  public void start() {
    operations = 0;
    startCpuNanos = THREADS.getCurrentThreadCpuTime();
  }

  @TearDown(Level.Iteration)
  public void report(BenchmarkParams params) {
    long cpu = THREADS.getCurrentThreadCpuTime() - startCpuNanos;
    if (operations > 0) {
      System.out.printf(
          "%ncpu: %s %.2f us/op (%d ops)%n",
          params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1),
          cpu / 1000.0 / operations,
          operations);
    }
  }
}
