package fr.socle.storage;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Runs a safe in a separate JVM, for the tests that need a small heap or a process killed midway.
 *
 * <p>{@code large <dir> <bytes>}: deposits generated content, reads it back and checks it, prints
 * {@code OK}. {@code hang <dir>}: starts a deposit, prints {@code STARTED} after 4 MiB and blocks
 * in the middle of the content until killed.
 */
public final class ForkedSafe {
  private ForkedSafe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir.resolve("store"));
        DocumentSafe safe =
            DocumentSafe.builder()
                .objectStore(store)
                .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
                .build()) {
      switch (args[0]) {
        case "large" -> large(safe, Long.parseLong(args[2]));
        case "hang" -> hang(safe);
        case "sip" -> sip(safe, Long.parseLong(args[2]), dir.resolve("sip.zip"));
        default -> throw new IllegalArgumentException(args[0]);
      }
    }
  }

  private static void large(DocumentSafe safe, long size) throws Exception {
    MessageDigest generated = MessageDigest.getInstance("SHA-256");
    DocumentMetadata m;
    try (InputStream in = new DigestInputStream(TestData.stream(size, 7), generated)) {
      m =
          safe.deposit(
              DepositRequest.builder("t", "c").id("large").depositor("forked").build(), in);
    }
    String expected = HexFormat.of().formatHex(generated.digest());
    MessageDigest read = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), read)) {
      safe.readTo(m.ref(), "forked", out);
    }
    String actual = HexFormat.of().formatHex(read.digest());
    long maxHeap = Runtime.getRuntime().maxMemory();
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    if (m.size() == size && expected.equals(m.digest()) && expected.equals(actual)) {
      System.out.println("OK size=" + m.size() + " maxHeap=" + maxHeap + " peakHeapPools=" + peak);
    } else {
      System.out.println("MISMATCH");
    }
  }

  /** Deposits generated content, exports it as a SIP to {@code sip}, prints the digest. */
  private static void sip(DocumentSafe safe, long size, Path sip) throws Exception {
    DocumentMetadata m;
    try (InputStream in = TestData.stream(size, 8)) {
      m =
          safe.deposit(
              DepositRequest.builder("21750001600019", "c")
                  .id("large")
                  .depositor("forked")
                  .contentType("application/octet-stream")
                  .originalFilename("large.bin")
                  .build(),
              in);
    }
    ArchiveTransferReceipt receipt;
    try (OutputStream out =
        new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(sip), 1 << 16)) {
      receipt =
          ArchiveTransfers.create(safe)
              .export(
                  ArchiveTransferRequest.builder("SOCLE-LARGE-1")
                      .archivalAgency("FRAD075")
                      .transferringAgency("21750001600019")
                      .originatingAgency("21750001600019")
                      .item(ArchiveItem.of(m.ref(), "Large"))
                      .build(),
                  "forked",
                  out);
    }
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.println(
        "OK size="
            + receipt.documents().get(0).size()
            + " digest="
            + m.digestAlgorithm().jcaName()
            + ":"
            + receipt.documents().get(0).digest()
            + " peakHeapPools="
            + peak);
  }

  private static void hang(DocumentSafe safe) {
    safe.deposit(
        DepositRequest.builder("t", "c").id("before").depositor("forked").build(),
        TestData.stream(1000, 1));
    InputStream endless =
        new InputStream() {
          final InputStream data = TestData.stream(Long.MAX_VALUE, 9);
          long served;

          @Override
          public int read() throws java.io.IOException {
            return data.read();
          }

          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (served >= 4L << 20) {
              System.out.println("STARTED");
              System.out.flush();
              try {
                Thread.sleep(Long.MAX_VALUE);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            int n = data.read(b, off, len);
            served += n;
            return n;
          }
        };
    safe.deposit(
        DepositRequest.builder("t", "c").id("killed").depositor("forked").build(), endless);
  }
}
