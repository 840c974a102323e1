package fr.socle.benchmarks.storage;

import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.LocalKeyEncryptionKeys;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Paired throughput harness for the storage claim, in the style of baseline B4: each round runs the
 * plain operation and the safe's operation back to back, alternating which goes first, so that load
 * from other processes on a shared machine hits both sides alike; the ratio is taken per round and
 * as the ratio of medians.
 *
 * <p>Operations on the same 256 MiB of random data, on the same disk:
 *
 * <ul>
 *   <li>write: plain copy (64 KiB writes, 1 MiB buffer, fsync) vs {@code DocumentSafe.deposit}
 *       (SHA-256, AES-256-GCM streaming, fsync, atomic publish, envelope, journal entry);
 *   <li>read cold: file dropped from the page cache first ({@code dd iflag=nocache count=0}, per
 *       file) — plain read vs {@code DocumentSafe.read} (decrypt, authenticate, verify digest,
 *       journal entry);
 *   <li>read warm: the same from the page cache (CPU-bound worst case).
 * </ul>
 *
 * <p>Warm-up: {@code warmup} rounds (default 3, i.e. 3 x 256 MiB deposits and 6 x 256 MiB reads:
 * over 2 GiB of AES-GCM work) are run and discarded, past the JIT cliff of baselines.md.
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar
 * fr.socle.benchmarks.storage.StorageThroughputHarness [rounds] [warmup] [dir]}
 */
public final class StorageThroughputHarness {
  private static final double MB = 1_000_000.0;

  private StorageThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path base = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    StorageBenchmark b = new StorageBenchmark();
    b.data = new byte[StorageBenchmark.SIZE];
    new SplittableRandom(42).nextBytes(b.data);
    Path dir = Files.createTempDirectory(base, "socle-storage-harness");
    try (DocumentSafe safe =
        DocumentSafe.builder()
            .objectStore(FileSystemObjectStore.open(dir.resolve("store")))
            .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
            .build()) {
      String[] names = {"write", "read cold", "read warm"};
      List<double[]> plain = new ArrayList<>();
      List<double[]> socle = new ArrayList<>();
      for (int round = 0; round < warmup + rounds; round++) {
        boolean plainFirst = round % 2 == 0;
        double[] p = new double[3];
        double[] s = new double[3];
        Path plainFile = dir.resolve("plain-" + round + ".bin");
        DocumentRef ref = DocumentRef.of("bench", "c", "doc-" + round);
        for (int side = 0; side < 2; side++) {
          if ((side == 0) == plainFirst) {
            p[0] = time(() -> copy(b.data, plainFile));
          } else {
            s[0] = time(() -> deposit(safe, ref, b.data));
          }
        }
        Path content = contentFile(dir, round);
        for (int side = 0; side < 2; side++) {
          if ((side == 0) == plainFirst) {
            StorageBenchmark.dropFromCache(plainFile);
            p[1] = time(() -> readPlain(plainFile));
          } else {
            StorageBenchmark.dropFromCache(content);
            s[1] = time(() -> readSafe(safe, ref));
          }
        }
        for (int side = 0; side < 2; side++) {
          if ((side == 0) == plainFirst) {
            p[2] = time(() -> readPlain(plainFile));
          } else {
            s[2] = time(() -> readSafe(safe, ref));
          }
        }
        Files.delete(plainFile);
        safe.destroy(ref, "bench");
        String tag = round < warmup ? "warm-up" : "round  ";
        System.out.printf(
            Locale.ROOT,
            "%s %2d (%s first): write %6.0f / %6.0f MB/s (%.2f)  read cold %6.0f / %6.0f (%.2f)"
                + "  read warm %6.0f / %6.0f (%.2f)%n",
            tag,
            round,
            plainFirst ? "plain" : "socle",
            mbps(p[0]),
            mbps(s[0]),
            p[0] / s[0],
            mbps(p[1]),
            mbps(s[1]),
            p[1] / s[1],
            mbps(p[2]),
            mbps(s[2]),
            p[2] / s[2]);
        if (round >= warmup) {
          plain.add(p);
          socle.add(s);
        }
      }
      System.out.println();
      System.out.println(
          "operation   plain MB/s  socle MB/s  ratio(medians)  per-round ratio min/median/max");
      for (int i = 0; i < 3; i++) {
        int k = i;
        double[] pt = plain.stream().mapToDouble(a -> a[k]).toArray();
        double[] st = socle.stream().mapToDouble(a -> a[k]).toArray();
        double[] ratios = new double[pt.length];
        for (int r = 0; r < pt.length; r++) {
          ratios[r] = pt[r] / st[r];
        }
        System.out.printf(
            Locale.ROOT,
            "%-10s  %10.0f  %10.0f  %14.2f  %.2f / %.2f / %.2f%n",
            names[i],
            mbps(median(pt)),
            mbps(median(st)),
            median(pt) / median(st),
            Arrays.stream(ratios).min().orElseThrow(),
            median(ratios),
            Arrays.stream(ratios).max().orElseThrow());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private interface Op {
    void run() throws Exception;
  }

  private static double time(Op op) throws Exception {
    long start = System.nanoTime();
    op.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double mbps(double seconds) {
    return StorageBenchmark.SIZE / MB / seconds;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void copy(byte[] data, Path target) throws IOException {
    try (InputStream in = new ByteArrayInputStream(data);
        FileOutputStream file = new FileOutputStream(target.toFile());
        BufferedOutputStream out = new BufferedOutputStream(file, 1 << 20)) {
      byte[] buf = new byte[StorageBenchmark.CHUNK];
      int r;
      while ((r = in.read(buf)) != -1) {
        out.write(buf, 0, r);
      }
      out.flush();
      file.getChannel().force(true);
    }
  }

  private static void deposit(DocumentSafe safe, DocumentRef ref, byte[] data) {
    DocumentMetadata m =
        safe.deposit(
            DepositRequest.builder(ref.tenant(), ref.container())
                .id(ref.id())
                .depositor("bench")
                .build(),
            new ByteArrayInputStream(data));
    if (m.size() != data.length) {
      throw new IllegalStateException("size mismatch");
    }
  }

  private static void readPlain(Path file) throws IOException {
    byte[] sink = new byte[StorageBenchmark.CHUNK];
    long n = 0;
    try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 1 << 20)) {
      int r;
      while ((r = in.read(sink)) != -1) {
        n += r;
      }
    }
    check(n);
  }

  private static void readSafe(DocumentSafe safe, DocumentRef ref) throws IOException {
    byte[] sink = new byte[StorageBenchmark.CHUNK];
    long n = 0;
    try (InputStream in = safe.read(ref, "bench")) {
      int r;
      while ((r = in.read(sink)) != -1) {
        n += r;
      }
    }
    check(n);
  }

  private static void check(long n) {
    if (n != StorageBenchmark.SIZE) {
      throw new IllegalStateException("read " + n + " bytes");
    }
  }

  private static Path contentFile(Path dir, int round) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
      return files
          .filter(p -> p.endsWith("content") && p.toString().contains("/d/doc-" + round + "/"))
          .findFirst()
          .orElseThrow();
    }
  }
}
