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
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Claim: on the filesystem backend, a deposit (digest, encrypt, write, fsync, atomic publish,
 * journal) and a read (read, decrypt, verify the digest, journal) of 256 MiB reach at least 0.6x
 * the throughput of a plain copy of the same 256 MiB to the same disk (64 KiB writes through a 1
 * MiB buffer, fsync) and a plain read of it, measured in the same run.
 *
 * <p>Each operation moves 256 MiB, so MB/s = 268.435 / (seconds per op). Reads are measured twice:
 * "cold", with the file dropped from the page cache before every operation ({@code dd iflag=nocache
 * count=0}, per file, so other processes keep their cache), which is what reading an archived
 * document looks like; and "warm", served from the page cache, the CPU-bound worst case.
 *
 * <p>Warm-up: 5 x 3 s per benchmark, i.e. well over 1 GiB of AES-GCM work per fork before
 * measuring, past the JIT cliff described in baselines.md. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar 'storage.StorageBenchmark' -f 1 -wi 5 -w 3s -i 5 -r 3s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class StorageBenchmark {
  static final int SIZE = 256 * 1024 * 1024;
  static final int CHUNK = 64 * 1024;
  static final String TENANT = "bench";

  byte[] data;
  Path dir;
  Path plainFile;
  FileSystemObjectStore store;
  DocumentSafe safe;
  DocumentRef readRef;
  Path readContent;
  long counter;
  DocumentRef lastDeposit;
  Path lastPlain;
  final byte[] sink = new byte[CHUNK];

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    data = new byte[SIZE];
    new SplittableRandom(42).nextBytes(data);
    Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    dir = Files.createTempDirectory(base, "socle-storage-bench");
    store = FileSystemObjectStore.open(dir.resolve("store"));
    safe =
        DocumentSafe.builder()
            .objectStore(store)
            .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
            .build();
    plainFile = dir.resolve("plain-read.bin");
    plainCopy(plainFile);
    DocumentMetadata m = depositOnce("read");
    readRef = m.ref();
    try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
      readContent =
          files
              .filter(
                  p ->
                      p.getFileName().toString().startsWith("content-")
                          && p.toString().contains("/d/read/"))
              .findFirst()
              .orElseThrow();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    safe.close();
    store.close(); // the safe leaves the store it was given open
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  // ------------------------------------------------------------------ writes

  /** Baseline: plain copy of 256 MiB to a new file, fsync, as B4a. */
  @Benchmark
  public long plainWrite() throws IOException {
    if (lastPlain != null) {
      Files.delete(lastPlain);
    }
    lastPlain = dir.resolve("plain-" + counter++ + ".bin");
    plainCopy(lastPlain);
    return lastPlain.toFile().length();
  }

  /** Socle: deposit of the same 256 MiB. */
  @Benchmark
  public long safeDeposit() {
    if (lastDeposit != null) {
      safe.destroy(lastDeposit, "bench");
    }
    DocumentMetadata m = depositOnce("doc-" + counter++);
    lastDeposit = m.ref();
    return m.size();
  }

  // ------------------------------------------------------------------ reads

  /** Drops the files read by the cold benchmarks from the page cache. */
  @State(Scope.Benchmark)
  public static class ColdCache {
    @Setup(Level.Invocation)
    public void drop(StorageBenchmark b) throws Exception {
      dropFromCache(b.plainFile);
      dropFromCache(b.readContent);
    }
  }

  /** Baseline: plain read of 256 MiB from disk. */
  @Benchmark
  public long plainReadCold(ColdCache cold) throws IOException {
    return plainRead();
  }

  /** Socle: read, decrypt and verify 256 MiB from disk. */
  @Benchmark
  public long safeReadCold(ColdCache cold) throws IOException {
    return safeRead();
  }

  /** Baseline: plain read of 256 MiB from the page cache. */
  @Benchmark
  public long plainReadWarm() throws IOException {
    return plainRead();
  }

  /** Socle: read, decrypt and verify 256 MiB from the page cache. */
  @Benchmark
  public long safeReadWarm() throws IOException {
    return safeRead();
  }

  // ------------------------------------------------------------------ helpers

  private long plainRead() throws IOException {
    long n = 0;
    try (InputStream in =
        new BufferedInputStream(new FileInputStream(plainFile.toFile()), 1 << 20)) {
      int r;
      while ((r = in.read(sink)) != -1) {
        n += r;
      }
    }
    return n;
  }

  private long safeRead() throws IOException {
    long n = 0;
    try (InputStream in = safe.read(readRef, "bench")) {
      int r;
      while ((r = in.read(sink)) != -1) {
        n += r;
      }
    }
    return n;
  }

  private DocumentMetadata depositOnce(String id) {
    return safe.deposit(
        DepositRequest.builder(TENANT, "c").id(id).depositor("bench").build(),
        new ByteArrayInputStream(data));
  }

  private void plainCopy(Path target) throws IOException {
    try (InputStream in = new ByteArrayInputStream(data);
        FileOutputStream file = new FileOutputStream(target.toFile());
        BufferedOutputStream out = new BufferedOutputStream(file, 1 << 20)) {
      byte[] buf = new byte[CHUNK];
      int r;
      while ((r = in.read(buf)) != -1) {
        out.write(buf, 0, r);
      }
      out.flush();
      file.getChannel().force(true);
    }
  }

  static void dropFromCache(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("dd could not drop " + file + " from the page cache");
    }
  }
}
