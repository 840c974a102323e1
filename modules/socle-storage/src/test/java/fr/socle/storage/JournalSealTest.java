package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed journal heads: a whole-tenant rollback is detected by whoever holds the last seal. */
class JournalSealTest {
  @TempDir Path dir;
  @TempDir Path backup;

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  @DisplayName("a store restored from an older backup passes the chain check but not the seal")
  void wholeTenantRollbackDetected() throws Exception {
    JournalSealingKey key = JournalSealingKey.generate();
    byte[] publicKey = key.publicKey();
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("a", TestData.bytes(1000, 1));
      // The operator's backup, taken before later activity.
      copyTree(f.storeDir, backup.resolve("store"));
      f.deposit("b", TestData.bytes(1000, 2));
      f.safe.destroy(ArchiveExportTest.ref("a"), "agent");
      JournalSeal seal =
          JournalSealer.create(f.safe, key, f.clock).seal(SafeFixture.TENANT, "cron");
      String exported = seal.encoded();

      assertThat(JournalSealer.verify(f.safe, JournalSeal.parse(exported), publicKey).intact())
          .isTrue();

      // Whole-tenant rollback: the store is replaced by the older backup.
      f.closeSafe();
      deleteTree(f.storeDir);
      copyTree(backup.resolve("store"), f.storeDir);
      f.safe = f.open(f.keys);

      assertThat(f.safe.verifyJournal(SafeFixture.TENANT).intact())
          .as("the hash chain alone does not see a rollback")
          .isTrue();
      assertThatThrownBy(() -> JournalSealer.verify(f.safe, JournalSeal.parse(exported), publicKey))
          .isInstanceOf(IntegrityViolationException.class)
          .hasMessageContaining("rolled back");
    }
  }

  @Test
  @DisplayName("a later journal still verifies against an earlier seal; the seal is journaled")
  void laterJournalVerifies() {
    JournalSealingKey key = JournalSealingKey.generate();
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("a", TestData.bytes(100, 1));
      JournalSeal seal =
          JournalSealer.create(f.safe, key, f.clock).seal(SafeFixture.TENANT, "cron");
      f.deposit("b", TestData.bytes(100, 2));

      JournalVerification v = JournalSealer.verify(f.safe, seal, key.publicKey());

      assertThat(v.entriesChecked()).isGreaterThan(seal.sequence());
      JournalEntry sealed = f.safe.journal(SafeFixture.TENANT, seal.sequence() + 1, 1).get(0);
      assertThat(sealed.operation()).isEqualTo(JournalOperation.JOURNAL_SEALED);
      assertThat(sealed.version()).isEqualTo(seal.sequence());
      assertThat(sealed.digest()).startsWith("Ed25519:");
    }
  }

  @Test
  @DisplayName("forged seals, another key, or a rewritten head are refused")
  void forgeries() {
    JournalSealingKey key = JournalSealingKey.generate();
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("a", TestData.bytes(100, 1));
      JournalSeal seal =
          JournalSealer.create(f.safe, key, f.clock).seal(SafeFixture.TENANT, "cron");
      JournalSeal otherHead =
          new JournalSeal(
              seal.tenant(), seal.sequence(), "1".repeat(64), seal.sealedAt(), seal.signature());
      JournalSeal otherSequence =
          new JournalSeal(
              seal.tenant(),
              seal.sequence() + 5,
              seal.headHash(),
              seal.sealedAt(),
              seal.signature());

      for (JournalSeal forged : new JournalSeal[] {otherHead, otherSequence}) {
        assertThatThrownBy(() -> JournalSealer.verify(f.safe, forged, key.publicKey()))
            .isInstanceOf(IntegrityViolationException.class)
            .hasMessageContaining("signature");
      }
      byte[] otherKey = JournalSealingKey.generate().publicKey();
      assertThatThrownBy(() -> JournalSealer.verify(f.safe, seal, otherKey))
          .isInstanceOf(IntegrityViolationException.class);
      assertThatThrownBy(() -> JournalSealer.verifySignature(seal, new byte[] {1, 2, 3}))
          .isInstanceOf(fr.socle.core.SocleClientException.class);
      assertThatThrownBy(() -> JournalSeal.parse("socle-journal-seal-v1 x y"))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("a journal rewritten below the seal (same length, other head) is detected")
  void rewrittenHead() throws Exception {
    JournalSealingKey key = JournalSealingKey.generate();
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("a", TestData.bytes(100, 1));
      JournalSeal seal =
          JournalSealer.create(f.safe, key, f.clock).seal(SafeFixture.TENANT, "cron");
      // A second safe history of the same length, e.g. a store rebuilt by someone else.
      f.closeSafe();
      deleteTree(f.storeDir);
      f.safe = f.open(f.keys);
      f.safe.deposit(
          DepositRequest.builder(SafeFixture.TENANT, SafeFixture.CONTAINER)
              .id("a")
              .depositor("someone-else")
              .build(),
          new java.io.ByteArrayInputStream(TestData.bytes(100, 1)));
      assertThat(f.safe.verifyJournal(SafeFixture.TENANT).entriesChecked())
          .isGreaterThanOrEqualTo(seal.sequence());

      assertThatThrownBy(() -> JournalSealer.verify(f.safe, seal, key.publicKey()))
          .isInstanceOf(IntegrityViolationException.class)
          .hasMessageContaining("differs");
    }
  }

  @Test
  @DisplayName("the private keyset round-trips; toString shows no key material")
  void keyRoundTrip() {
    JournalSealingKey key = JournalSealingKey.generate();
    JournalSealingKey back = JournalSealingKey.fromCleartextKeyset(key.exportCleartextKeyset());
    assertThat(back.publicKey()).isEqualTo(key.publicKey());
    assertThat(key.toString()).doesNotContainPattern("[A-Za-z0-9+/]{20,}");
    assertThatThrownBy(() -> JournalSealingKey.fromCleartextKeyset(new byte[] {0, 1}))
        .isInstanceOf(fr.socle.core.SocleClientException.class);
  }

  @Test
  @DisplayName("the seal signs the hash of the journal's last entry, protection fields included")
  void sealsTheHead() {
    JournalSealingKey key = JournalSealingKey.generate();
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("a", TestData.bytes(100, 1));
      f.safe.legalHold(ArchiveExportTest.ref("a"), true, "juriste");
      List<JournalEntry> before = f.safe.journal(SafeFixture.TENANT, 1, 100);
      JournalSeal seal =
          JournalSealer.create(f.safe, key, f.clock).seal(SafeFixture.TENANT, "cron");
      JournalEntry last = before.get(before.size() - 1);
      assertThat(last.legalHold()).isTrue();
      assertThat(seal.sequence()).isEqualTo(last.sequence());
      assertThat(seal.headHash()).isEqualTo(last.hash());
    }
  }

  @Test
  @DisplayName("entries cut off after the seal are detected through the store's journal head")
  void tailCutAfterSeal() throws Exception {
    JournalSealingKey key = JournalSealingKey.generate();
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("a", TestData.bytes(100, 1));
      JournalSeal seal =
          JournalSealer.create(f.safe, key, f.clock).seal(SafeFixture.TENANT, "cron");
      f.deposit("b", TestData.bytes(100, 2));
      long last = f.safe.verifyJournal(SafeFixture.TENANT).entriesChecked();
      f.closeSafe();
      // Delete the newest entry only: the chain up to the seal is intact, the head is not.
      Path journal = f.storeDir.resolve("objects/t/" + SafeFixture.TENANT + "/journal");
      try (var files = Files.list(journal)) {
        Path newest = files.max(java.util.Comparator.naturalOrder()).orElseThrow();
        assertThat(newest.getFileName().toString()).endsWith(Long.toString(last));
        Files.delete(newest);
      }
      f.safe = f.open(f.keys);

      assertThatThrownBy(() -> JournalSealer.verify(f.safe, seal, key.publicKey()))
          .isInstanceOf(IntegrityViolationException.class)
          .hasMessageContaining("broken at entry " + last);
      assertThatThrownBy(
              () -> JournalSealer.create(f.safe, key, f.clock).seal(SafeFixture.TENANT, "cron"))
          .isInstanceOf(IntegrityViolationException.class);
    }
  }
}
