package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tests that need a JVM of their own: a small heap, or a process killed in the middle. */
class ForkedJvmIT {
  private static final long GIB = 1L << 30;

  @TempDir Path dir;

  private Process fork(String maxHeap, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForkedSafe.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  @DisplayName("a 1 GiB document is deposited and read back in a JVM limited to 128 MiB of heap")
  void largeDocumentWithSmallHeap() throws Exception {
    Process p = fork("-Xmx128m", "large", dir.toString(), Long.toString(GIB));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("OK size=" + GIB);
    try (Stream<Path> files = Files.walk(dir)) {
      long stored =
          files
              .filter(f -> f.getFileName().toString().startsWith("content-"))
              .mapToLong(f -> f.toFile().length())
              .sum();
      // Ciphertext: plaintext + 40-byte header + a 16-byte tag per 1 MiB segment.
      assertThat(stored).isBetween(GIB, GIB + 40 + 16 * 1025);
    }
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  @DisplayName("a 1 GiB document is exported as a SEDA SIP in a JVM limited to 128 MiB of heap")
  void largeSipWithSmallHeap() throws Exception {
    Process p = fork("-Xmx128m", "sip", dir.toString(), Long.toString(GIB));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("OK size=" + GIB);
    String recorded = output.replaceAll("(?s).*digest=SHA-256:([0-9a-f]{64}).*", "$1");
    // Round trip: the binary in the package hashes to the digest recorded in its manifest.
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    String manifest = null;
    long size = 0;
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("sip.zip"))))) {
      ZipEntry e;
      byte[] buf = new byte[1 << 16];
      while ((e = zip.getNextEntry()) != null) {
        if (e.getName().equals("manifest.xml")) {
          manifest = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        } else {
          assertThat(e.getName()).isEqualTo("content/BDO1.bin");
          int n;
          while ((n = zip.read(buf)) != -1) {
            md.update(buf, 0, n);
            size += n;
          }
        }
      }
    }
    assertThat(size).isEqualTo(GIB);
    assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(recorded);
    assertThat(manifest).contains(">" + recorded + "</MessageDigest>", "<Size>" + GIB + "</Size>");
    if (SedaSchemas.folder().isPresent()) {
      SedaSchemas.schema(SedaVersion.V2_3)
          .newValidator()
          .validate(
              new javax.xml.transform.stream.StreamSource(new java.io.StringReader(manifest)));
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("a deposit killed midway leaves nothing visible and the journal consistent")
  void depositKilledMidway() throws Exception {
    Process p = fork("-Xmx64m", "hang", dir.toString());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null && !line.equals("STARTED")) {
      seen.append(line).append('\n');
    }
    assertThat(line).as(seen.toString()).isEqualTo("STARTED");
    try (Stream<Path> tmp = Files.list(dir.resolve("store").resolve("tmp"))) {
      assertThat(tmp).as("the deposit was streaming to a temporary file").isNotEmpty();
    }

    p.destroyForcibly().waitFor();

    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir.resolve("store"));
        DocumentSafe safe =
            DocumentSafe.builder()
                .objectStore(store)
                .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
                .build()) {
      assertThat(safe.list("t", "c", "test"))
          .extracting(m -> m.ref().id())
          .containsExactly("before");
      assertThatThrownBy(() -> safe.read(DocumentRef.of("t", "c", "killed"), "test"))
          .isInstanceOf(DocumentNotFoundException.class);
      JournalVerification v = safe.verifyJournal("t");
      assertThat(v.intact()).isTrue();
      assertThat(safe.journal("t", 1, 100))
          .extracting(JournalEntry::documentId)
          .doesNotContain("killed");
      safe.deposit(
          DepositRequest.builder("t", "c").id("killed").depositor("test").build(),
          TestData.stream(10, 2));
      // The version number the killed deposit reserved is never reused; the new deposit gets the
      // next.
      assertThat(safe.verify(DocumentRef.of("t", "c", "killed"), "test").version()).isEqualTo(2);
    }
    try (Stream<Path> tmp = Files.list(dir.resolve("store").resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }
}
