package fr.socle.storage;

import static fr.socle.storage.SafeFixture.AGENT;
import static fr.socle.storage.SafeFixture.CONTAINER;
import static fr.socle.storage.SafeFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.internal.Envelopes;
import fr.socle.storage.internal.StoredEnvelope;
import fr.socle.storage.spi.WrappedKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSafeTest {
  @TempDir Path dir;
  SafeFixture f;

  @BeforeEach
  void setUp() {
    f = new SafeFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void deposit_whenRead_returnsSameBytesAndMetadata() throws Exception {
    byte[] content = TestData.bytes(3 * 1024 * 1024 + 17, 1);

    DocumentMetadata m = f.deposit("acte-1", content);

    assertThat(f.read("acte-1")).isEqualTo(content);
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.size()).isEqualTo(content.length);
    assertThat(m.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA_256);
    assertThat(m.digest()).isEqualTo(TestData.sha256(content));
    assertThat(m.depositor()).isEqualTo(AGENT);
    assertThat(m.depositedAt()).isEqualTo(f.clock.instant());
    assertThat(m.contentType()).isEqualTo("application/pdf");
    assertThat(m.originalFilename()).contains("acte-1.pdf");
    assertThat(f.safe.metadata(m.ref(), AGENT)).isEqualTo(m);
  }

  @Test
  void deposit_whenStored_neverWritesPlaintextToTheStore() throws Exception {
    byte[] content = "Acte de naissance de Marie Curie, née à Varsovie".getBytes();
    f.deposit("acte-1", content);

    byte[] stored = Files.readAllBytes(f.file("acte-1", 1, "content"));
    String envelope = Files.readString(f.file("acte-1", 1, "key"));

    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("Curie");
    assertThat(envelope).doesNotContain("Curie");
  }

  @Test
  void deposit_whenEmpty_roundTrips() {
    f.deposit("vide", new byte[0]);
    assertThat(f.read("vide")).isEmpty();
  }

  @Test
  void deposit_whenSameIdTwice_createsVersionsAndReadsLatest() {
    f.deposit("avis", "v1".getBytes());
    DocumentMetadata v2 = f.deposit("avis", "v2".getBytes());

    assertThat(v2.version()).isEqualTo(2);
    assertThat(f.read("avis")).isEqualTo("v2".getBytes());
    assertThat(f.safe.count(TENANT, CONTAINER, AGENT)).isEqualTo(1);
  }

  @Test
  void deposit_whenSha512_recordsAlgorithmAndVerifies() {
    f.closeSafe();
    f.safe =
        DocumentSafe.builder()
            .objectStore(f.openStore())
            .keyEncryptionKeys(f.keys)
            .digestAlgorithm(DigestAlgorithm.SHA_512)
            .build();
    DocumentMetadata m = f.deposit("a", "x".getBytes());

    assertThat(m.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA_512);
    assertThat(m.digest()).hasSize(128);
    assertThat(f.safe.verify(m.ref(), AGENT)).isEqualTo(m);
  }

  @Test
  void deposit_whenExpectedDigestDiffers_refusesAndLeavesNothing() {
    DepositRequest request =
        DepositRequest.builder(TENANT, CONTAINER)
            .id("a")
            .depositor(AGENT)
            .expectedDigest(TestData.sha256("other".getBytes()))
            .build();

    assertThatThrownBy(
            () -> f.safe.deposit(request, new ByteArrayInputStream("content".getBytes())))
        .isInstanceOf(IntegrityViolationException.class);
    assertThat(f.safe.count(TENANT, CONTAINER, AGENT)).isZero();
    assertThat(f.safe.verifyJournal(TENANT).intact()).isTrue();
  }

  @Test
  void deposit_whenExpectedDigestMatches_accepts() {
    byte[] content = "content".getBytes();
    DepositRequest request =
        DepositRequest.builder(TENANT, CONTAINER)
            .id("a")
            .depositor(AGENT)
            .expectedDigest(TestData.sha256(content))
            .build();

    assertThat(f.safe.deposit(request, new ByteArrayInputStream(content)).size()).isEqualTo(7);
  }

  @Test
  void listAndCount_returnLatestVersionOfEachDocumentOfTheContainerOnly() {
    f.deposit("b", "1".getBytes());
    f.deposit("a", "1".getBytes());
    f.deposit("a", "22".getBytes());
    f.safe.deposit(
        DepositRequest.builder(TENANT, "urbanisme").id("c").depositor(AGENT).build(),
        new ByteArrayInputStream("3".getBytes()));

    List<DocumentMetadata> list = f.safe.list(TENANT, CONTAINER, AGENT);

    assertThat(list).extracting(m -> m.ref().id()).containsExactly("a", "b");
    assertThat(list.get(0).version()).isEqualTo(2);
    assertThat(f.safe.count(TENANT, CONTAINER, AGENT)).isEqualTo(2);
    assertThat(f.safe.count(TENANT, "vide", AGENT)).isZero();
    assertThat(f.safe.list("autre-tenant", CONTAINER, AGENT)).isEmpty();
  }

  @Test
  void read_whenAbsent_throwsNotFound() {
    assertThatThrownBy(() -> f.read("absent")).isInstanceOf(DocumentNotFoundException.class);
  }

  @Test
  void read_whenStreamed_returnsContentThroughInputStream() throws Exception {
    byte[] content = TestData.bytes(2_500_000, 3);
    DocumentMetadata m = f.deposit("a", content);
    try (InputStream in = f.safe.read(m.ref(), AGENT)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void read_whenDigestOnReadAndContentIntact_rehashesAndReturnsIt() throws Exception {
    byte[] content = TestData.bytes(2_500_000, 4);
    DocumentMetadata m = f.deposit("a", content);
    f.closeSafe();
    f.safe =
        DocumentSafe.builder()
            .objectStore(f.openStore())
            .keyEncryptionKeys(f.keys)
            .clock(f.clock)
            .digestOnRead(true)
            .build();

    try (InputStream in = f.safe.read(m.ref(), AGENT)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void journal_whenOperationsHappen_recordsEachWithWhoWhatWhenDigest() {
    DocumentMetadata m = f.deposit("a", "x".getBytes());
    f.clock.advance(Duration.ofMinutes(1));
    f.read("a");
    f.safe.metadata(m.ref(), "auditeur");
    f.safe.verify(m.ref(), "auditeur");
    f.safe.list(TENANT, CONTAINER, "auditeur");
    f.safe.count(TENANT, CONTAINER, "auditeur");
    f.safe.destroy(m.ref(), "archiviste");

    List<JournalEntry> entries = f.safe.journal(TENANT, 1, 100);

    assertThat(entries)
        .extracting(JournalEntry::operation)
        .containsExactly(
            JournalOperation.DEPOSIT,
            JournalOperation.READ,
            JournalOperation.METADATA,
            JournalOperation.VERIFY,
            JournalOperation.LIST,
            JournalOperation.COUNT,
            JournalOperation.DESTROY);
    JournalEntry deposit = entries.get(0);
    assertThat(deposit.actor()).isEqualTo(AGENT);
    assertThat(deposit.documentId()).isEqualTo("a");
    assertThat(deposit.digest()).isEqualTo("SHA-256:" + m.digest());
    assertThat(deposit.instant()).isEqualTo(m.depositedAt());
    assertThat(deposit.previousHash()).isEqualTo("0".repeat(64));
    assertThat(entries.get(1).previousHash()).isEqualTo(deposit.hash());
    assertThat(entries.get(6).actor()).isEqualTo("archiviste");
    assertThat(f.safe.journal(TENANT, 3, 2))
        .extracting(JournalEntry::sequence)
        .containsExactly(3L, 4L);
    assertThat(f.safe.verifyJournal(TENANT).intact()).isTrue();
    assertThat(f.safe.verifyJournal(TENANT).entriesChecked()).isEqualTo(7);
  }

  @Test
  void journal_whenSafeReopened_continuesTheChain() {
    f.deposit("a", "x".getBytes());
    f.closeSafe();
    f.safe = f.open(f.keys);
    f.deposit("b", "y".getBytes());

    JournalVerification v = f.safe.verifyJournal(TENANT);
    assertThat(v.intact()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(2);
  }

  @Test
  void destroy_whenNoRetention_removesDocumentAndItsDataKey() throws Exception {
    DocumentMetadata m = f.deposit("a", "x".getBytes());
    f.deposit("a", "y".getBytes());
    Path key1 = f.file("a", 1, "key");

    f.safe.destroy(m.ref(), AGENT);

    assertThat(key1).doesNotExist();
    assertThatThrownBy(() -> f.read("a")).isInstanceOf(DocumentNotFoundException.class);
    assertThat(f.safe.count(TENANT, CONTAINER, AGENT)).isZero();
    try (var files = Files.walk(f.storeDir.resolve("objects"))) {
      assertThat(files.filter(p -> p.toString().contains("/d/"))).isEmpty();
    }
  }

  @Test
  void destroy_whenBeforeRetentionDate_isRefusedAndJournaled() {
    DocumentRef ref = DocumentRef.of(TENANT, CONTAINER, "a");
    f.safe.deposit(
        DepositRequest.builder(TENANT, CONTAINER)
            .id("a")
            .depositor(AGENT)
            .retainUntil(f.clock.instant().plus(Duration.ofDays(365)))
            .build(),
        new ByteArrayInputStream("x".getBytes()));

    assertThatThrownBy(() -> f.safe.destroy(ref, AGENT))
        .isInstanceOf(RetentionLockedException.class);
    assertThat(f.read("a")).isEqualTo("x".getBytes());
    assertThat(f.safe.journal(TENANT, 1, 10))
        .extracting(JournalEntry::operation)
        .contains(JournalOperation.DESTROY_REFUSED);

    f.clock.advance(Duration.ofDays(366));
    f.safe.destroy(ref, AGENT);
    assertThat(f.safe.count(TENANT, CONTAINER, AGENT)).isZero();
  }

  @Test
  void destroy_whenUnderLegalHold_isRefusedUntilReleased() {
    DocumentMetadata m = f.deposit("a", "x".getBytes());

    assertThat(f.safe.legalHold(m.ref(), true, "juriste").legalHold()).isTrue();
    assertThatThrownBy(() -> f.safe.destroy(m.ref(), AGENT))
        .isInstanceOf(RetentionLockedException.class)
        .hasMessageContaining("legal hold");
    assertThat(f.safe.metadata(m.ref(), AGENT).legalHold()).isTrue();

    f.safe.legalHold(m.ref(), false, "juriste");
    f.safe.destroy(m.ref(), AGENT);
  }

  @Test
  void destroy_whenOlderVersionIsRetained_isRefused() {
    f.safe.deposit(
        DepositRequest.builder(TENANT, CONTAINER)
            .id("a")
            .depositor(AGENT)
            .retainUntil(f.clock.instant().plus(Duration.ofDays(1)))
            .build(),
        new ByteArrayInputStream("x".getBytes()));
    DocumentMetadata v2 = f.deposit("a", "y".getBytes());

    assertThatThrownBy(() -> f.safe.destroy(v2.ref(), AGENT))
        .isInstanceOf(RetentionLockedException.class);
  }

  @Test
  void extendRetention_whenLater_appliesAndWhenEarlier_isRefused() {
    DocumentMetadata m = f.deposit("a", "x".getBytes());
    Instant until = f.clock.instant().plus(Duration.ofDays(10));

    assertThat(f.safe.extendRetention(m.ref(), until, AGENT).retainUntil()).contains(until);
    assertThatThrownBy(() -> f.safe.extendRetention(m.ref(), until.minusSeconds(1), AGENT))
        .isInstanceOf(RetentionLockedException.class);
    assertThat(f.safe.metadata(m.ref(), AGENT).retainUntil()).contains(until);
    assertThat(f.read("a")).isEqualTo("x".getBytes());
  }

  @Test
  void rewrapKeys_afterRotation_keepsDocumentsReadableWithoutReencrypting() throws Exception {
    f.deposit("a", "x".getBytes());
    f.deposit("b", "y".getBytes());
    byte[] ciphertextBefore = Files.readAllBytes(f.file("a", 1, "content"));
    String oldKekId = f.keys.currentKeyId(TENANT);

    String newKekId = f.keys.rotate(TENANT);
    assertThat(f.safe.rewrapKeys(TENANT, "rssi")).isEqualTo(2);
    assertThat(f.safe.rewrapKeys(TENANT, "rssi")).isZero();
    assertThat(f.safe.retireOldKeys(TENANT, "rssi")).isEqualTo(1);

    assertThat(newKekId).isNotEqualTo(oldKekId);
    assertThat(Files.readString(f.file("a", 1, "key"))).contains(newKekId);
    assertThat(Files.readAllBytes(f.file("a", 1, "content"))).isEqualTo(ciphertextBefore);
    assertThat(f.read("a")).isEqualTo("x".getBytes());
    assertThat(f.read("b")).isEqualTo("y".getBytes());
  }

  @Test
  void destroy_whenBackupCopyOfDataKeyIsRestoredAfterKeyRetirement_cannotBeDecrypted()
      throws Exception {
    f.deposit("a", "secret".getBytes());
    f.deposit("b", "other".getBytes());
    Path key = f.file("a", 1, "key");
    Path content = f.file("a", 1, "content");
    byte[] backupKey = Files.readAllBytes(key);
    byte[] backupContent = Files.readAllBytes(content);

    StoredEnvelope e = fr.socle.core.json.Json.create().read(backupKey, StoredEnvelope.class);
    WrappedKey wrapped = Envelopes.wrappedKey(e);
    byte[] aad =
        Envelopes.keyAad(
            Envelopes.metadata(e, DocumentRef.of(TENANT, CONTAINER, "a"), 1),
            e.attempt(),
            e.kekId());
    assertThat(f.keys.unwrap(TENANT, wrapped, aad)).as("the backup copy opens before").isNotEmpty();

    f.safe.destroy(DocumentRef.of(TENANT, CONTAINER, "a"), AGENT);
    f.keys.rotate(TENANT);
    f.safe.rewrapKeys(TENANT, "rssi");
    f.safe.retireOldKeys(TENANT, "rssi");
    Files.createDirectories(key.getParent());
    Files.write(key, backupKey);
    Files.write(content, backupContent);

    assertThatThrownBy(() -> f.keys.unwrap(TENANT, wrapped, aad))
        .isInstanceOf(IntegrityViolationException.class);
    // The journal records the destruction: the restored copy is not even visible.
    assertThatThrownBy(() -> f.read("a")).isInstanceOf(DocumentNotFoundException.class);
    assertThat(f.read("b")).isEqualTo("other".getBytes());
  }

  @Test
  void builder_whenObjectLockRequiredOnFilesystem_refuses() {
    try (FileSystemObjectStore other = FileSystemObjectStore.open(dir.resolve("other"))) {
      assertThatThrownBy(
              () ->
                  DocumentSafe.builder()
                      .objectStore(other)
                      .keyEncryptionKeys(f.keys)
                      .requireObjectLock(true)
                      .build())
          .isInstanceOf(fr.socle.core.SocleClientException.class)
          .hasMessageContaining("object lock");
    }
  }

  @Test
  void methods_whenActorOrIdsInvalid_throwInvalidInput() {
    DocumentRef ref = DocumentRef.of(TENANT, CONTAINER, "a");
    assertThatThrownBy(() -> f.safe.read(ref, " ")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DocumentRef.of(TENANT, CONTAINER, ""))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DocumentRef.of(TENANT, CONTAINER, "x".repeat(101)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DocumentRef.of(TENANT, CONTAINER, "a\nb"))
        .isInstanceOf(InvalidInputException.class);
  }
}
