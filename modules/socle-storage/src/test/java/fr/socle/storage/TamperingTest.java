package fr.socle.storage;

import static fr.socle.storage.SafeFixture.AGENT;
import static fr.socle.storage.SafeFixture.CONTAINER;
import static fr.socle.storage.SafeFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An attacker with write access to the store, but not to the keys, cannot go unnoticed. */
class TamperingTest {
  private static final int MIB = 1 << 20;
  private static final int SEGMENT = MIB; // AES256_GCM_HKDF_1MB ciphertext segment size
  private static final int HEADER = 1 + 32 + 7; // length byte, salt, nonce prefix

  @TempDir Path dir;
  SafeFixture f;
  byte[] content = TestData.bytes(4 * MIB + 123, 42);

  @BeforeEach
  void setUp() {
    f = new SafeFixture(dir);
    f.deposit("doc", content);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void assertReadAndVerifyFail() {
    assertThatThrownBy(() -> f.read("doc")).isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> f.safe.verify(DocumentRef.of(TENANT, CONTAINER, "doc"), AGENT))
        .isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  @DisplayName("one byte changed anywhere in the ciphertext is detected")
  void oneByteTampered() throws Exception {
    Path file = f.file("doc", 1, "content");
    for (long position : new long[] {0, 20, HEADER + 5, 2L * SEGMENT + 77, Files.size(file) - 1}) {
      byte[] original = Files.readAllBytes(file);
      byte[] tampered = original.clone();
      tampered[(int) position] ^= 0x01;
      Files.write(file, tampered);

      assertReadAndVerifyFail();

      Files.write(file, original);
    }
    assertThat(f.read("doc")).isEqualTo(content);
  }

  @Test
  @DisplayName("a truncated ciphertext is detected, also when cut on a segment boundary")
  void truncation() throws Exception {
    Path file = f.file("doc", 1, "content");
    byte[] original = Files.readAllBytes(file);
    for (int length : new int[] {original.length - 1, 3 * SEGMENT, SEGMENT, HEADER, 0}) {
      Files.write(file, Arrays.copyOf(original, length));
      assertReadAndVerifyFail();
    }
  }

  @Test
  @DisplayName("reordered ciphertext segments are detected")
  void reorderedSegments() throws Exception {
    Path file = f.file("doc", 1, "content");
    byte[] c = Files.readAllBytes(file);
    byte[] swapped = c.clone();
    System.arraycopy(c, SEGMENT, swapped, 2 * SEGMENT, SEGMENT);
    System.arraycopy(c, 2 * SEGMENT, swapped, SEGMENT, SEGMENT);
    Files.write(file, swapped);

    assertReadAndVerifyFail();
  }

  @Test
  @DisplayName("two documents' ciphertexts swapped are both detected")
  void swappedCiphertexts() throws Exception {
    f.deposit("other", TestData.bytes(4 * MIB + 123, 43));
    Path a = f.file("doc", 1, "content");
    Path b = f.file("other", 1, "content");
    byte[] ca = Files.readAllBytes(a);
    Files.write(a, Files.readAllBytes(b));
    Files.write(b, ca);

    assertReadAndVerifyFail();
    assertThatThrownBy(() -> f.read("other")).isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  @DisplayName("a document moved whole (ciphertext and envelope) under another id is detected")
  void movedDocument() throws Exception {
    f.deposit("other", "other".getBytes());
    Files.copy(f.file("doc", 1, "content"), f.file("other", 1, "content"), REPLACE);
    Files.copy(f.file("doc", 1, "key"), f.file("other", 1, "key"), REPLACE);

    assertThatThrownBy(() -> f.read("other")).isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  @DisplayName("an older version restored over the current one is detected")
  void olderVersionRestored() throws Exception {
    f.deposit("doc", "version 2".getBytes());
    Path v1Content = f.file("doc", 1, "content");
    Path v2Content = f.file("doc", 2, "content");
    byte[] v2Original = Files.readAllBytes(v2Content);

    Files.copy(v1Content, v2Content, REPLACE);
    assertReadAndVerifyFail();

    Files.write(v2Content, v2Original);
    Files.copy(f.file("doc", 1, "key"), f.file("doc", 2, "key"), REPLACE);
    Files.copy(v1Content, v2Content, REPLACE);
    assertReadAndVerifyFail();
  }

  @Test
  @DisplayName("an edited metadata field (retention shortened, digest replaced) is detected")
  void metadataEdited() throws Exception {
    DocumentRef ref = DocumentRef.of(TENANT, CONTAINER, "doc");
    f.safe.extendRetention(ref, f.clock.instant().plusSeconds(86_400), AGENT);
    Path key = f.file("doc", 1, "key");
    String envelope = Files.readString(key);

    Files.writeString(
        key, envelope.replace("\"retainUntil\":\"2026-11-30", "\"retainUntil\":\"2026-11-20"));
    assertThat(Files.readString(key)).isNotEqualTo(envelope);
    assertThatThrownBy(() -> f.safe.destroy(ref, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> f.safe.metadata(ref, AGENT))
        .isInstanceOf(IntegrityViolationException.class);

    Files.writeString(key, envelope.replace("\"depositor\":\"agent", "\"depositor\":\"Agent"));
    assertThatThrownBy(() -> f.safe.list(TENANT, CONTAINER, AGENT))
        .isInstanceOf(IntegrityViolationException.class);

    Files.writeString(key, "{not json");
    assertReadAndVerifyFail();
  }

  @Test
  @DisplayName("a safe holding another key for the tenant refuses to open its documents")
  void wrongTenantKey() {
    f.closeSafe();
    LocalKeyEncryptionKeys otherKeys = LocalKeyEncryptionKeys.open(dir.resolve("other-keys"));
    otherKeys.currentKeyId(TENANT); // creates another key for the tenant
    f.safe = f.open(otherKeys);

    assertReadAndVerifyFail();
    assertThatThrownBy(() -> f.safe.metadata(DocumentRef.of(TENANT, CONTAINER, "doc"), AGENT))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageNotContaining("AEAD")
        .hasMessageContaining("key-encryption key");
  }

  @Test
  @DisplayName("a document copied into another tenant cannot be opened there")
  void crossTenantCopy() throws Exception {
    f.safe.deposit(
        DepositRequest.builder("autre", CONTAINER).id("doc").depositor(AGENT).build(),
        new ByteArrayInputStream("x".getBytes()));
    Path foreignKey =
        Files.walk(f.storeDir)
            .filter(p -> p.toString().contains("/t/autre/") && p.endsWith("key"))
            .findFirst()
            .orElseThrow();
    Path foreignContent = foreignKey.resolveSibling("content");
    Files.copy(f.file("doc", 1, "key"), foreignKey, REPLACE);
    Files.copy(f.file("doc", 1, "content"), foreignContent, REPLACE);

    assertThatThrownBy(
            () ->
                f.safe.readTo(
                    DocumentRef.of("autre", CONTAINER, "doc"),
                    AGENT,
                    java.io.OutputStream.nullOutputStream()))
        .isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  @DisplayName("a deleted ciphertext whose envelope remains is an integrity violation")
  void missingCiphertext() throws Exception {
    Files.delete(f.file("doc", 1, "content"));
    assertReadAndVerifyFail();
    assertThat(f.safe.journal(TENANT, 1, 100))
        .extracting(JournalEntry::operation)
        .contains(JournalOperation.VERIFY_FAILED);
  }

  private static final java.nio.file.CopyOption REPLACE =
      java.nio.file.StandardCopyOption.REPLACE_EXISTING;
}
