package fr.socle.benchmarks.storage;

import fr.socle.storage.ArchiveItem;
import fr.socle.storage.ArchiveTransferRequest;
import fr.socle.storage.ArchiveTransfers;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.LocalKeyEncryptionKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a SEDA export costs on top of reading the document from the safe: {@code
 * ArchiveTransfers.export} of one 64 MiB document (manifest, ZIP at deflate level 1, the digest
 * recomputed while streaming) against the baseline {@code DocumentSafe.readTo} of the same document
 * (decrypt, authenticate, digest check), both from the page cache into a null stream, in the same
 * run. A third benchmark, {@code crc32Only}, is the floor any ZIP writer pays (CRC-32 of 64 MiB).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'storage.ArchiveExportBenchmark' -f 1
 * -wi 3 -w 3s -i 3 -r 3s}. The set-up calls {@code DocumentSafe.warmUp()} (1 GiB of AES-GCM in
 * memory) so that reads are measured past baselines.md's JIT cliff.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class ArchiveExportBenchmark {
  static final int SIZE = 64 * 1024 * 1024;

  byte[] data;
  Path dir;
  FileSystemObjectStore store;
  DocumentSafe safe;
  ArchiveTransfers transfers;
  ArchiveTransferRequest request;
  DocumentMetadata document;
  long counter;

  @Setup
  public void setUp() throws IOException {
    // Past the AES-GCM JIT cliff (baselines.md) before the first measured read.
    DocumentSafe.warmUp();
    data = new byte[SIZE];
    new SplittableRandom(7).nextBytes(data);
    Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    dir = Files.createTempDirectory(base, "socle-archive-bench");
    store = FileSystemObjectStore.open(dir.resolve("store"));
    safe =
        DocumentSafe.builder()
            .objectStore(store)
            .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
            .build();
    document =
        safe.deposit(
            DepositRequest.builder("21750001600019", "bench")
                .id("doc")
                .depositor("bench")
                .contentType("application/pdf")
                .originalFilename("doc.pdf")
                .build(),
            new ByteArrayInputStream(data));
    transfers = ArchiveTransfers.create(safe);
  }

  @TearDown
  public void tearDown() throws IOException {
    safe.close();
    store.close(); // the safe leaves the store it was given open
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Baseline: the safe's own read of the document. */
  @Benchmark
  public long safeRead() {
    return safe.readTo(document.ref(), "bench", OutputStream.nullOutputStream()).size();
  }

  /** Socle: the same document exported as a SEDA 2.3 SIP. */
  @Benchmark
  public long sedaExport() {
    ArchiveTransferRequest r =
        ArchiveTransferRequest.builder("BENCH-" + counter++)
            .archivalAgency("FRAD075")
            .transferringAgency("21750001600019")
            .originatingAgency("21750001600019")
            .item(ArchiveItem.of(document.ref(), "Document"))
            .build();
    return transfers.export(r, "bench", OutputStream.nullOutputStream()).documents().size();
  }

  /** Floor of any ZIP: the CRC-32 of the bytes. */
  @Benchmark
  public long crc32Only() {
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length);
    return crc.getValue();
  }
}
