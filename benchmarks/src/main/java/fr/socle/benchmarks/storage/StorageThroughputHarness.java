package fr.socle.benchmarks.storage;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
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
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * Paired throughput harness for the storage claims, in the style of baseline B4: each round runs
 * the plain operation, the same operation through raw Tink, and the safe's operation back to back,
 * rotating which goes first, so that load from other processes on a shared machine hits all sides
 * alike; ratios are taken per round and as the ratio of medians.
 *
 * <p>Operations on the same 256 MiB of random data, on the same disk:
 *
 * <ul>
 *   <li>write: plain copy (64 KiB writes, 1 MiB buffer, fsync); raw Tink {@code
 *       AES256_GCM_HKDF_1MB} streaming encryption to a file (same buffers, fsync) — the baseline of
 *       the deposit claim; {@code DocumentSafe.deposit} (SHA-256, the same Tink encryption, fsync,
 *       atomic publish, envelope, journal entry);
 *   <li>read cold: file dropped from the page cache first ({@code dd iflag=nocache count=0}, per
 *       file) — plain read; raw Tink decryption of the file it wrote; {@code DocumentSafe.read}
 *       (envelope, journal check and entry, decrypt, authenticate, size check);
 *   <li>read warm: the same from the page cache (CPU-bound worst case) — the baseline of the read
 *       claim is raw Tink decryption.
 * </ul>
 *
 * <p>Warm-up: {@code warmup} rounds (default 3, i.e. 3 x 256 MiB deposits and 6 x 256 MiB reads:
 * over 2 GiB of AES-GCM work) are run and discarded, past the JIT cliff of baselines.md.
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar
 * fr.socle.benchmarks.storage.StorageThroughputHarness [rounds] [warmup] [dir] [deposit]}; with
 * {@code deposit} as fourth argument only the write operation is run (plain, raw Tink and the safe,
 * rotating as above), to iterate on the deposit path faster. A second table gives the CPU time the
 * whole process used per operation (all threads, user and system time): on a shared machine it
 * moves less with other processes' load than wall time, and shows what the safe's extra threads
 * cost.
 */
public final class StorageThroughputHarness {
  private static final double MB = 1_000_000.0;
  private static final String[] SIDES = {"plain", "tink", "socle"};
  private static final String[] OPS = {"write", "read cold", "read warm"};

  private StorageThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path base = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    boolean depositOnly = args.length > 3 && args[3].equals("deposit");
    int ops = depositOnly ? 1 : 3;
    byte[] data = new byte[StorageBenchmark.SIZE];
    new SplittableRandom(42).nextBytes(data);
    StreamingAeadConfig.register();
    // The safe's template: a fresh AES256_GCM_HKDF_1MB keyset (here one for the whole run).
    StreamingAead tink =
        KeysetHandle.generateNew(
                PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB, RegistryConfiguration.get())
            .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    byte[] aad = "bench/c/doc/1".getBytes(StandardCharsets.UTF_8);
    Path dir = Files.createTempDirectory(base, "socle-storage-harness");
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir.resolve("store"));
        DocumentSafe safe =
            DocumentSafe.builder()
                .objectStore(store)
                .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
                .build()) {
      List<double[][]> measured = new ArrayList<>();
      List<double[][]> measuredCpu = new ArrayList<>();
      for (int round = 0; round < warmup + rounds; round++) {
        double[][] t = new double[3][3]; // [side][op]
        double[][] cpu = new double[3][3]; // [side][op], process CPU seconds
        Path plainFile = dir.resolve("plain-" + round + ".bin");
        Path tinkFile = dir.resolve("tink-" + round + ".bin");
        DocumentRef ref = DocumentRef.of("bench", "c", "doc-" + round);
        int[] order = {round % 3, (round + 1) % 3, (round + 2) % 3};
        for (int side : order) {
          t[side][0] =
              switch (side) {
                case 0 -> time(() -> copy(data, plainFile));
                case 1 -> time(() -> encrypt(tink, aad, data, tinkFile));
                default -> time(() -> deposit(safe, ref, data));
              };
          cpu[side][0] = lastCpu;
        }
        Path content = contentFile(dir, round);
        for (int op = 1; op < ops; op++) {
          for (int side : order) {
            boolean cold = op == 1;
            t[side][op] =
                switch (side) {
                  case 0 -> {
                    if (cold) {
                      StorageBenchmark.dropFromCache(plainFile);
                    }
                    yield time(() -> readPlain(plainFile));
                  }
                  case 1 -> {
                    if (cold) {
                      StorageBenchmark.dropFromCache(tinkFile);
                    }
                    yield time(() -> decrypt(tink, aad, tinkFile));
                  }
                  default -> {
                    if (cold) {
                      StorageBenchmark.dropFromCache(content);
                    }
                    yield time(() -> readSafe(safe, ref));
                  }
                };
            cpu[side][op] = lastCpu;
          }
        }
        Files.delete(plainFile);
        Files.delete(tinkFile);
        safe.destroy(ref, "bench");
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "%s %2d (%s first):",
                    round < warmup ? "warm-up" : "round  ",
                    round,
                    SIDES[order[0]]));
        for (int op = 0; op < ops; op++) {
          line.append(
              String.format(
                  Locale.ROOT,
                  "  %s %5.0f / %5.0f / %5.0f MB/s (socle/tink %.2f)",
                  OPS[op],
                  mbps(t[0][op]),
                  mbps(t[1][op]),
                  mbps(t[2][op]),
                  t[1][op] / t[2][op]));
        }
        System.out.println(line);
        if (round >= warmup) {
          measured.add(t);
          measuredCpu.add(cpu);
        }
      }
      System.out.println();
      System.out.println(
          "operation   plain MB/s  tink MB/s  socle MB/s  socle/tink  tink/plain  socle/plain"
              + "  per-round socle/tink min/median/max");
      for (int op = 0; op < ops; op++) {
        int k = op;
        double[] plain = measured.stream().mapToDouble(a -> a[0][k]).toArray();
        double[] raw = measured.stream().mapToDouble(a -> a[1][k]).toArray();
        double[] socle = measured.stream().mapToDouble(a -> a[2][k]).toArray();
        double[] ratios = new double[raw.length];
        for (int r = 0; r < raw.length; r++) {
          ratios[r] = raw[r] / socle[r];
        }
        System.out.printf(
            Locale.ROOT,
            "%-10s  %10.0f  %9.0f  %10.0f  %10.2f  %10.2f  %11.2f  %.2f / %.2f / %.2f%n",
            OPS[op],
            mbps(median(plain)),
            mbps(median(raw)),
            mbps(median(socle)),
            median(raw) / median(socle),
            median(plain) / median(raw),
            median(plain) / median(socle),
            Arrays.stream(ratios).min().orElseThrow(),
            median(ratios),
            Arrays.stream(ratios).max().orElseThrow());
      }
      System.out.println();
      System.out.println(
          "CPU time of the whole process per operation (all threads, user + system; less"
              + " sensitive to other processes than wall time), medians:");
      System.out.println(
          "operation   plain ms  tink ms  socle ms  socle/tink (tink cpu / socle cpu)");
      for (int op = 0; op < ops; op++) {
        int k = op;
        double[] plain = measuredCpu.stream().mapToDouble(a -> a[0][k]).toArray();
        double[] raw = measuredCpu.stream().mapToDouble(a -> a[1][k]).toArray();
        double[] socle = measuredCpu.stream().mapToDouble(a -> a[2][k]).toArray();
        System.out.printf(
            Locale.ROOT,
            "%-10s  %8.0f  %7.0f  %8.0f  %10.2f%n",
            OPS[op],
            median(plain) * 1e3,
            median(raw) * 1e3,
            median(socle) * 1e3,
            median(raw) / median(socle));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Raw Tink: streaming encryption to a file through the same buffers as the safe, fsync. */
  private static void encrypt(StreamingAead tink, byte[] aad, byte[] data, Path target)
      throws Exception {
    try (FileOutputStream file = new FileOutputStream(target.toFile());
        BufferedOutputStream buffered = new BufferedOutputStream(file, 1 << 20)) {
      try (OutputStream enc = tink.newEncryptingStream(new NonClosing(buffered), aad)) {
        for (int off = 0; off < data.length; off += StorageBenchmark.CHUNK) {
          enc.write(data, off, Math.min(StorageBenchmark.CHUNK, data.length - off));
        }
      }
      buffered.flush();
      file.getChannel().force(true);
    }
  }

  /** Raw Tink: streaming decryption of the file {@link #encrypt} wrote, 64 KiB reads. */
  private static void decrypt(StreamingAead tink, byte[] aad, Path file) throws Exception {
    byte[] sink = new byte[StorageBenchmark.CHUNK];
    long n = 0;
    try (InputStream in = tink.newDecryptingStream(Files.newInputStream(file), aad)) {
      int r;
      while ((r = in.read(sink)) != -1) {
        n += r;
      }
    }
    check(n);
  }

  /** Lets Tink finish its last segment without closing the file. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  private interface Op {
    void run() throws Exception;
  }

  /** CPU seconds the whole process used during the last {@link #time} call. */
  private static double lastCpu;

  private static double time(Op op) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    op.run();
    double wall = (System.nanoTime() - start) / 1e9;
    lastCpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
    return wall;
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
          .filter(
              p ->
                  p.getFileName().toString().startsWith("content-")
                      && p.toString().contains("/d/doc-" + round + "/"))
          .findFirst()
          .orElseThrow();
    }
  }
}
