package fr.socle.benchmarks.payment;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Companion of {@link PaymentNotificationBenchmark} for a shared, overloaded machine: the same two
 * operations on the same set-up (embedded PostgreSQL with {@code synchronous_commit=on}, loopback
 * PayFiP peer, 8 threads), measured in <em>CPU time per operation</em>, of this JVM (Socle, the
 * JDBC driver, the HTTP client and the loopback peer) and of the PostgreSQL server processes (read
 * from {@code /proc}), so that waiting for a core does not count. On a 2-core machine where both
 * paths are CPU-bound, the ratio of the total CPU per operation predicts the throughput ratio on a
 * quiet machine better than wall time measured under load. Rounds alternate which path goes first;
 * the median of the rounds is reported. Linux only.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * fr.socle.benchmarks.payment.PaymentNotificationCpuTime [rounds] [operations per round]}
 */
public final class PaymentNotificationCpuTime {
  private static final int THREADS = 8;
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private PaymentNotificationCpuTime() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int warmup = 3;
    PaymentNotificationBenchmark b = new PaymentNotificationBenchmark();
    b.start();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long postmaster = b.postmasterPid();
    double[][] jvm = new double[2][rounds];
    double[][] pg = new double[2][rounds];
    double[][] rate = new double[2][rounds];
    try {
      for (int round = 0; round < warmup + rounds; round++) {
        for (int k = 0; k < 2; k++) {
          int path = (round % 2 == 0) ? k : 1 - k;
          b.insertPendingPayments();
          Thread.sleep(500); // let the ANALYZE and the WAL writer settle
          long j0 = os.getProcessCpuTime();
          long p0 = treeTicks(postmaster);
          long t0 = System.nanoTime();
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            Callable<Object> work =
                () -> {
                  for (int i = 0; i < ops / THREADS; i++) {
                    if (path == 0) {
                      b.socleOnNotification();
                    } else {
                      b.rawPostAndConditionalUpdate();
                    }
                  }
                  return null;
                };
            done.add(pool.submit(work));
          }
          for (Future<?> f : done) {
            f.get();
          }
          long t1 = System.nanoTime();
          long j1 = os.getProcessCpuTime();
          long p1 = treeTicks(postmaster);
          int n = (ops / THREADS) * THREADS;
          if (round >= warmup) {
            int r = round - warmup;
            jvm[path][r] = (j1 - j0) / 1e3 / n;
            pg[path][r] = (p1 - p0) * (1e6 / TICKS_PER_SECOND) / n;
            rate[path][r] = n / ((t1 - t0) / 1e9);
          }
          System.out.printf(
              "round %d %-6s jvm %.0f µs/op, postgres %.0f µs/op, %.0f ops/s%n",
              round,
              path == 0 ? "socle" : "raw",
              (j1 - j0) / 1e3 / n,
              (p1 - p0) * (1e6 / TICKS_PER_SECOND) / n,
              n / ((t1 - t0) / 1e9));
        }
      }
    } finally {
      pool.shutdownNow();
      b.stop();
    }
    String[] names = {"socleOnNotification", "rawPostAndConditionalUpdate"};
    for (int k = 0; k < 2; k++) {
      double[] total = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        total[r] = jvm[k][r] + pg[k][r];
      }
      System.out.printf(
          "%-28s CPU µs/op: JVM %.0f + PostgreSQL %.0f = %.0f (median of %d rounds of %d);"
              + " wall %.0f ops/s%n",
          names[k], median(jvm[k]), median(pg[k]), median(total), rounds, ops, median(rate[k]));
    }
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratio[r] = (jvm[1][r] + pg[1][r]) / (jvm[0][r] + pg[0][r]);
    }
    System.out.printf(
        "CPU ratio raw/socle (predicted throughput ratio when CPU-bound): median %.2f%n",
        median(ratio));
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  /** CPU ticks (user + system) of a process and all its live children, plus reaped children. */
  private static long treeTicks(long root) throws Exception {
    long total = 0;
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f = stat(d);
        if (f == null) {
          continue;
        }
        long pid = Long.parseLong(name);
        long ppid = Long.parseLong(f[1]);
        if (pid == root) {
          total += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          total += Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime
        } else if (ppid == root) {
          total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    }
    return total;
  }

  /** The fields of /proc/pid/stat after the command name: [0] = state, [1] = ppid, ... */
  private static String[] stat(Path d) {
    try {
      String s = Files.readString(d.resolve("stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (Exception e) {
      return null;
    }
  }
}
