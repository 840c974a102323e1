package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectLockedException;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.WriteOptions;
import fr.socle.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safe on a store that enforces object lock: retention is enforced twice. */
class ObjectLockSafeTest {
  private static final String TENANT = "21750001600019";
  private static final String CONTAINER = "etat-civil";
  private static final String VERSION_PREFIX = "t/21750001600019/c/etat-civil/d/acte/v0000000001/";

  @TempDir Path dir;
  TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
  InMemoryObjectStore store = InMemoryObjectStore.withObjectLock(clock);
  DocumentSafe safe;

  @BeforeEach
  void setUp() {
    safe = safe(RetentionMode.COMPLIANCE);
  }

  /** The ciphertext is named after the deposit attempt that wrote it. */
  private String contentKey() {
    return store.list(VERSION_PREFIX + "content-").get(0);
  }

  private DocumentSafe safe(RetentionMode mode) {
    return DocumentSafe.builder()
        .objectStore(store)
        .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
        .clock(clock)
        .retentionMode(mode)
        .requireObjectLock(true)
        .build();
  }

  @AfterEach
  void tearDown() {
    safe.close();
    store.close();
  }

  private DocumentMetadata deposit(Instant retainUntil, boolean hold) {
    DepositRequest.Builder b =
        DepositRequest.builder(TENANT, CONTAINER).id("acte").depositor("agent").legalHold(hold);
    if (retainUntil != null) {
      b.retainUntil(retainUntil);
    }
    return safe.deposit(b.build(), new ByteArrayInputStream("acte de naissance".getBytes()));
  }

  @Test
  void build_detectsObjectLock() {
    assertThat(safe.objectLockEnforced()).isTrue();
  }

  @Test
  void deposit_withRetention_isLockedInTheStoreAsCompliance() {
    Instant until = clock.instant().plus(Duration.ofDays(3650));
    deposit(until, false);

    assertThat(store.retention(contentKey())).contains(until);
    assertThat(store.retentionMode(contentKey())).isEqualTo(RetentionMode.COMPLIANCE);
    assertThat(store.legalHoldOf(contentKey())).isFalse();
  }

  @Test
  void locked_document_cannotBeDeletedEvenBypassingTheSafe() {
    DocumentMetadata m = deposit(clock.instant().plus(Duration.ofDays(30)), false);

    assertThatThrownBy(() -> safe.destroy(m.ref(), "agent"))
        .isInstanceOf(RetentionLockedException.class);
    assertThatThrownBy(() -> store.delete(contentKey())).isInstanceOf(ObjectLockedException.class);
    assertThatThrownBy(() -> store.deleteBypassingGovernance(contentKey()))
        .isInstanceOf(ObjectLockedException.class);
    assertThatThrownBy(() -> store.put(contentKey(), "forged".getBytes(), WriteOptions.replace()))
        .isInstanceOf(ObjectLockedException.class);

    clock.advance(Duration.ofDays(31));
    safe.destroy(m.ref(), "agent");
    assertThat(store.list("t/")).noneMatch(k -> k.contains("/d/"));
  }

  @Test
  void governance_retention_canBeBypassedByPrivilegedUserOnlyInTheStore() {
    safe.close();
    safe = safe(RetentionMode.GOVERNANCE);
    DocumentMetadata m = deposit(clock.instant().plus(Duration.ofDays(30)), false);

    assertThat(store.retentionMode(contentKey())).isEqualTo(RetentionMode.GOVERNANCE);
    assertThatThrownBy(() -> store.delete(contentKey())).isInstanceOf(ObjectLockedException.class);
    store.deleteBypassingGovernance(contentKey());

    // The envelope survived, so the safe notices the missing ciphertext.
    assertThatThrownBy(() -> safe.verify(m.ref(), "auditeur"))
        .isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  void legalHold_isMappedToTheStoreAndReleased() {
    DocumentMetadata m = deposit(null, true);
    assertThat(store.legalHoldOf(contentKey())).isTrue();
    assertThatThrownBy(() -> store.delete(contentKey())).isInstanceOf(ObjectLockedException.class);

    safe.legalHold(m.ref(), false, "juriste");
    assertThat(store.legalHoldOf(contentKey())).isFalse();
    safe.legalHold(m.ref(), true, "juriste");
    assertThat(store.legalHoldOf(contentKey())).isTrue();
    assertThatThrownBy(() -> safe.destroy(m.ref(), "agent"))
        .isInstanceOf(RetentionLockedException.class);

    safe.legalHold(m.ref(), false, "juriste");
    safe.destroy(m.ref(), "agent");
    assertThatThrownBy(() -> safe.metadata(m.ref(), "agent"))
        .isInstanceOf(DocumentNotFoundException.class);
  }

  @Test
  void extendRetention_isMappedToTheStoreWhichRefusesShortening() {
    Instant first = clock.instant().plus(Duration.ofDays(10));
    Instant later = first.plus(Duration.ofDays(10));
    DocumentMetadata m = deposit(first, false);

    safe.extendRetention(m.ref(), later, "archiviste");

    assertThat(store.retention(contentKey())).contains(later);
    assertThatThrownBy(() -> store.extendRetention(contentKey(), first, RetentionMode.COMPLIANCE))
        .isInstanceOf(ObjectLockedException.class);
    assertThatThrownBy(() -> store.extendRetention(contentKey(), later, RetentionMode.GOVERNANCE))
        .isInstanceOf(ObjectLockedException.class);
  }

  @Test
  void writeOnce_objectsCannotBeReplaced() {
    store.put("x/y", "one".getBytes(), WriteOptions.writeOnce());
    assertThatThrownBy(() -> store.put("x/y", "two".getBytes(), WriteOptions.writeOnce()))
        .isInstanceOf(ObjectExistsException.class);
  }

  @Test
  void deposit_whenUploadFailsMidway_leavesNothingAndJournalIntact() {
    store.failWritesAfter(2_000_000);

    assertThatThrownBy(
            () ->
                safe.deposit(
                    DepositRequest.builder(TENANT, CONTAINER).id("acte").depositor("a").build(),
                    new ByteArrayInputStream(new byte[5_000_000])))
        .isInstanceOf(SocleClientException.class);

    assertThat(store.list("t/")).noneMatch(k -> k.contains("/d/acte/"));
    assertThat(safe.count(TENANT, CONTAINER, "a")).isZero();
    assertThat(safe.verifyJournal(TENANT).intact()).isTrue();
  }

  @Test
  void tampered_ciphertextInTheStore_isDetected() {
    DocumentMetadata m = deposit(null, false);
    store.tamper(
        contentKey(),
        b -> {
          b[b.length / 2] ^= 1;
          return b;
        });

    assertThatThrownBy(() -> safe.readTo(m.ref(), "agent", new ByteArrayOutputStream()))
        .isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  void deposit_concurrently_keepsEveryDocumentAndTheJournal() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<DocumentMetadata>> futures = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = "doc-" + (i % 20);
      byte[] content = ("content " + i).getBytes();
      futures.add(
          pool.submit(
              () ->
                  safe.deposit(
                      DepositRequest.builder(TENANT, CONTAINER).id(id).depositor("a").build(),
                      new ByteArrayInputStream(content))));
    }
    for (Future<DocumentMetadata> f : futures) {
      f.get();
    }
    pool.shutdown();

    assertThat(safe.count(TENANT, CONTAINER, "a")).isEqualTo(20);
    assertThat(safe.metadata(DocumentRef.of(TENANT, CONTAINER, "doc-7"), "a").version())
        .isEqualTo(3);
    assertThat(safe.verifyJournal(TENANT).intact()).isTrue();
    assertThat(safe.verifyJournal(TENANT).entriesChecked()).isEqualTo(60 + 2);
  }

  @Test
  void withoutObjectLock_safeRefusesWhenRequired() {
    assertThatThrownBy(
            () ->
                DocumentSafe.builder()
                    .objectStore(InMemoryObjectStore.withoutObjectLock())
                    .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("k2")))
                    .requireObjectLock(true)
                    .build())
        .isInstanceOf(SocleClientException.class);
  }
}
