package fr.socle.benchmarks.refdata;

import fr.socle.refdata.Territories;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Measures the heap retained by {@link Territories#embedded()} and the time of its cold load, in a
 * fresh JVM: wall time until {@code embedded()} returns (lookups ready) and until the first search
 * answers (search index built); used heap after repeated full collections, before loading and after
 * the first search, the instance held alive.
 *
 * <p>Run (one fresh JVM per run): {@code java -cp benchmarks/target/benchmarks.jar
 * fr.socle.benchmarks.refdata.TerritoriesHeap}
 */
public final class TerritoriesHeap {
  private TerritoriesHeap() {}

  public static void main(String[] args) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = settledUsedHeap(memory);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long processCpu = os.getProcessCpuTime();
    long threadCpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Territories territories = Territories.embedded();
    long loadNanos = System.nanoTime() - start;
    long loadThreadCpu = threads.getCurrentThreadCpuTime() - threadCpu;
    long loadProcessCpu = os.getProcessCpuTime() - processCpu;
    int hits = territories.search("sain", 10).size();
    long searchReadyNanos = System.nanoTime() - start;
    long after = settledUsedHeap(memory);
    // The history of earlier millésimes is loaded on the first communeIn call, not by embedded().
    long historyStart = System.nanoTime();
    int past = territories.communeIn("93059", java.time.Year.of(1990)).size();
    long historyNanos = System.nanoTime() - historyStart;
    long withHistory = settledUsedHeap(memory);
    System.out.printf(
        "cold load %.1f ms wall, %.1f ms CPU of the loading thread, %.1f ms CPU of the process"
            + " (JIT included); first search answered at %.1f ms (%d hits);"
            + " retained heap %.1f MB (%d communes); first communeIn %.1f ms (%d hit),"
            + " retained heap with the history %.1f MB%n",
        loadNanos / 1e6,
        loadThreadCpu / 1e6,
        loadProcessCpu / 1e6,
        searchReadyNanos / 1e6,
        hits,
        (after - before) / 1e6,
        territories.communes().size(),
        historyNanos / 1e6,
        past,
        (withHistory - before) / 1e6);
  }

  private static long settledUsedHeap(MemoryMXBean memory) throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
