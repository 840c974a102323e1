package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a given version of a document. */
class OlderVersionTest {
  @TempDir Path dir;

  @Test
  @DisplayName("each version reads back as deposited, and the read is journaled with its version")
  void readsEachVersion() throws Exception {
    try (SafeFixture f = new SafeFixture(dir)) {
      byte[] v1 = TestData.bytes(2 << 20, 1);
      byte[] v2 = TestData.bytes(1000, 2);
      f.deposit("doc", v1);
      f.deposit("doc", v2);
      DocumentRef ref = ArchiveExportTest.ref("doc");

      try (InputStream in = f.safe.read(ref, 1, "lecteur")) {
        assertThat(in.readAllBytes()).isEqualTo(v1);
      }
      try (InputStream in = f.safe.read(ref, 2, "lecteur")) {
        assertThat(in.readAllBytes()).isEqualTo(v2);
      }
      assertThat(f.read("doc")).isEqualTo(v2);
      assertThat(f.safe.journal(SafeFixture.TENANT, 1, 100))
          .filteredOn(e -> e.operation() == JournalOperation.READ)
          .extracting(JournalEntry::version)
          .containsExactly(1L, 2L, 2L);
    }
  }

  @Test
  @DisplayName("a missing version is not found, a version below 1 is refused")
  void missingVersion() {
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("doc", new byte[10]);
      DocumentRef ref = ArchiveExportTest.ref("doc");
      assertThatThrownBy(() -> f.safe.read(ref, 2, "lecteur"))
          .isInstanceOf(DocumentNotFoundException.class);
      assertThatThrownBy(() -> f.safe.read(ref, 0, "lecteur"))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("a tampered older version fails while the latest still reads")
  void tamperedOlderVersion() throws Exception {
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("doc", TestData.bytes(3 << 20, 3));
      f.deposit("doc", TestData.bytes(1000, 4));
      Path file = f.file("doc", 1, "content");
      byte[] c = Files.readAllBytes(file);
      c[c.length - 100] ^= 1;
      Files.write(file, c);
      DocumentRef ref = ArchiveExportTest.ref("doc");

      assertThatThrownBy(
              () -> {
                try (InputStream in = f.safe.read(ref, 1, "lecteur")) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(IntegrityViolationException.class);
      assertThat(f.read("doc")).isEqualTo(TestData.bytes(1000, 4));
    }
  }

  @Test
  @DisplayName("a destroyed version is not found, even after the identifier is reused")
  void destroyedVersionNotFound() throws Exception {
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("doc", TestData.bytes(1000, 5));
      DocumentRef ref = ArchiveExportTest.ref("doc");
      f.safe.destroy(ref, "agent");
      assertThatThrownBy(() -> f.safe.read(ref, 1, "lecteur"))
          .isInstanceOf(DocumentNotFoundException.class);
      assertThat(f.deposit("doc", TestData.bytes(1000, 6)).version()).isEqualTo(2);
      assertThatThrownBy(() -> f.safe.read(ref, 1, "lecteur"))
          .isInstanceOf(DocumentNotFoundException.class);
      try (InputStream in = f.safe.read(ref, 2, "lecteur")) {
        assertThat(in.readAllBytes()).isEqualTo(TestData.bytes(1000, 6));
      }
    }
  }

  @Test
  @DisplayName("an older version whose envelope was restored from before a legal hold is refused")
  void restoredOlderEnvelopeRefused() throws Exception {
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("doc", TestData.bytes(1000, 7));
      f.deposit("doc", TestData.bytes(1000, 8));
      DocumentRef ref = ArchiveExportTest.ref("doc");
      Path key = f.file("doc", 1, "key");
      byte[] beforeHold = Files.readAllBytes(key);
      f.safe.legalHold(ref, true, "juriste");
      Files.write(key, beforeHold);

      assertThatThrownBy(() -> f.safe.read(ref, 1, "lecteur"))
          .isInstanceOf(IntegrityViolationException.class)
          .hasMessageContaining("does not match the journal");
      assertThat(f.safe.journal(SafeFixture.TENANT, 1, 100))
          .filteredOn(e -> e.operation() == JournalOperation.READ)
          .as("a refused read is not journaled as a read")
          .isEmpty();
    }
  }

  @Test
  @DisplayName(
      "a version deleted from the store behind the journal's back is an integrity violation")
  void deletedOlderVersion() throws Exception {
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("doc", TestData.bytes(1000, 9));
      f.deposit("doc", TestData.bytes(1000, 10));
      Files.delete(f.file("doc", 1, "key"));
      assertThatThrownBy(() -> f.safe.read(ArchiveExportTest.ref("doc"), 1, "lecteur"))
          .isInstanceOf(IntegrityViolationException.class);
    }
  }
}
