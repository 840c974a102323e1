package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.storage.internal.Layout;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.WriteOptions;
import fr.socle.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker with write access to the store, or a crash, must not achieve, run on every
 * backend (filesystem here, S3 in socle-storage-s3). Each test reproduces a hole reported against
 * the safe (issue #12).
 */
public abstract class SafeIntegrityContract {
  protected static final String T = "21750001600019";
  protected static final String C = "etat-civil";
  protected static final String AGENT = "agent:jdupont";

  @TempDir protected Path dir;
  protected final TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
  protected LocalKeyEncryptionKeys keys;
  protected HostileStore store;
  protected DocumentSafe safe;

  /** Opens the backend (a new instance on the same data each time). */
  protected abstract ObjectStore openStore();

  @BeforeEach
  void openSafe() {
    keys = LocalKeyEncryptionKeys.open(dir.resolve("keys"));
    reopen(Duration.ofHours(1));
  }

  @AfterEach
  void closeSafe() {
    if (safe != null) {
      safe.close();
      store.close(); // the safe leaves the store it was given open
    }
  }

  /** Closes the safe (as a process exit would) and opens a new one on the same data. */
  protected void reopen(Duration grace) {
    if (safe != null) {
      safe.close();
      store.close();
    }
    store = new HostileStore(openStore());
    safe =
        DocumentSafe.builder()
            .objectStore(store)
            .keyEncryptionKeys(keys)
            .clock(clock)
            .recoveryGracePeriod(grace)
            .build();
  }

  protected DocumentMetadata deposit(String id, String content) {
    return deposit(DepositRequest.builder(T, C).id(id).depositor(AGENT).build(), content);
  }

  protected DocumentMetadata deposit(DepositRequest request, String content) {
    return safe.deposit(
        request, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  protected String read(DocumentRef ref) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    safe.readTo(ref, AGENT, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  protected byte[] raw(String key) throws Exception {
    try (InputStream in = store.delegate().get(key)) {
      return in.readAllBytes();
    }
  }

  protected void rawPut(String key, byte[] bytes) {
    store.delegate().put(key, bytes, WriteOptions.replace());
  }

  protected List<JournalEntry> journal() {
    return safe.journal(T, 1, 100_000);
  }

  // --- 1. Restoring an older envelope must not remove a legal hold or shorten retention -------

  @Test
  @DisplayName("1. an envelope restored from before a legal hold neither releases nor destroys")
  void legalHold_whenOlderEnvelopeRestored_destroyStillRefused() throws Exception {
    DocumentRef ref = deposit("acte", "naissance").ref();
    byte[] beforeHold = raw(Layout.envelope(ref, 1));
    safe.legalHold(ref, true, AGENT);
    assertThatThrownBy(() -> safe.destroy(ref, AGENT)).isInstanceOf(RetentionLockedException.class);

    rawPut(Layout.envelope(ref, 1), beforeHold);

    assertThatThrownBy(() -> safe.metadata(ref, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> safe.verify(ref, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> safe.destroy(ref, AGENT)).isInstanceOf(SocleClientException.class);
    // Nothing was deleted, and re-applying the hold repairs the envelope.
    safe.legalHold(ref, true, AGENT);
    assertThat(safe.metadata(ref, AGENT).legalHold()).isTrue();
    assertThat(read(ref)).isEqualTo("naissance");
  }

  @Test
  @DisplayName("1. an envelope restored from before a retention extension does not shorten it")
  void extendRetention_whenOlderEnvelopeRestored_destroyStillRefused() throws Exception {
    Instant first = clock.instant().plus(Duration.ofDays(30));
    Instant extended = clock.instant().plus(Duration.ofDays(3650));
    DocumentRef ref =
        deposit(
                DepositRequest.builder(T, C)
                    .id("impot")
                    .depositor(AGENT)
                    .retainUntil(first)
                    .build(),
                "avis")
            .ref();
    byte[] beforeExtension = raw(Layout.envelope(ref, 1));
    safe.extendRetention(ref, extended, AGENT);

    rawPut(Layout.envelope(ref, 1), beforeExtension);
    clock.advance(Duration.ofDays(31));

    assertThatThrownBy(() -> safe.destroy(ref, AGENT)).isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> safe.metadata(ref, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> safe.extendRetention(ref, first.plusSeconds(1), AGENT))
        .isInstanceOf(RetentionLockedException.class);
    safe.extendRetention(ref, extended, AGENT);
    assertThat(read(ref)).isEqualTo("avis");
  }

  // --- 2. Every envelope field is authenticated; old keys are retired only when unused ---------

  @Test
  @DisplayName("2. every single-byte change of an envelope is detected")
  void envelope_whenAnyByteFlipped_isRefused() throws Exception {
    DocumentRef ref =
        deposit(
                DepositRequest.builder(T, C)
                    .id("flip")
                    .depositor(AGENT)
                    .contentType("application/pdf")
                    .originalFilename("acte.pdf")
                    .retainUntil(clock.instant().plusSeconds(60))
                    .build(),
                "contenu")
            .ref();
    String key = Layout.envelope(ref, 1);
    byte[] original = raw(key);
    List<Integer> unnoticed = new ArrayList<>();
    for (int i = 0; i < original.length; i++) {
      byte[] flipped = original.clone();
      flipped[i] ^= 0x01;
      rawPut(key, flipped);
      try {
        safe.metadata(ref, AGENT);
        unnoticed.add(i);
      } catch (IntegrityViolationException expected) {
        // detected
      }
    }
    rawPut(key, original);

    assertThat(unnoticed)
        .as("flips at %s in %s", unnoticed, new String(original, StandardCharsets.UTF_8))
        .isEmpty();
    assertThat(read(ref)).isEqualTo("contenu");
  }

  @Test
  @DisplayName("2. a kekId edited to the new key after rotation is detected, never silently lost")
  void kekId_whenEditedAfterRotation_isDetectedAndOldKeyNotRetired() throws Exception {
    DocumentRef ref = deposit("ancien", "texte").ref();
    String oldKek = keys.currentKeyId(T);
    String newKek = keys.rotate(T);
    String key = Layout.envelope(ref, 1);
    rawPut(
        key,
        new String(raw(key), StandardCharsets.UTF_8)
            .replace(oldKek, newKek)
            .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> safe.verify(ref, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> safe.rewrapKeys(T, "rssi"))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> safe.retireOldKeys(T, "rssi"))
        .isInstanceOf(IntegrityViolationException.class);
  }

  @Test
  @DisplayName("2. retiring old keys is refused while a live document still needs one")
  void retireOldKeys_whenADocumentIsNotRewrapped_refusesAndKeepsItReadable() {
    DocumentRef a = deposit("a", "un").ref();
    keys.rotate(T);
    DocumentRef b = deposit("b", "deux").ref();

    assertThatThrownBy(() -> safe.retireOldKeys(T, "rssi"))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("rewrapKeys");
    assertThat(read(a)).isEqualTo("un");

    assertThat(safe.rewrapKeys(T, "rssi")).isEqualTo(1);
    assertThat(safe.retireOldKeys(T, "rssi")).isEqualTo(1);
    assertThat(read(a)).isEqualTo("un");
    assertThat(read(b)).isEqualTo("deux");
  }

  // --- 3. A crash never leaves a readable, unjournaled version ------------------------------

  @Test
  @DisplayName(
      "3. a crash just before the journal entry leaves nothing visible, and is rolled back")
  void deposit_whenCrashBeforeJournalEntry_isRolledBackAndJournaledAtReopen() throws Exception {
    deposit("avant", "ok");
    store.crashBeforePut(k -> k.contains("/journal/"));
    assertThatThrownBy(() -> deposit("perdu", "jamais acquitté"))
        .isInstanceOf(HostileStore.Crash.class);
    DocumentRef lost = DocumentRef.of(T, C, "perdu");

    reopen(Duration.ofHours(1));
    // Younger than the grace period: may be another process's deposit; invisible all the same.
    assertThatThrownBy(() -> safe.read(lost, AGENT)).isInstanceOf(DocumentNotFoundException.class);
    assertThat(safe.count(T, C, AGENT)).isEqualTo(1);

    clock.advance(Duration.ofHours(2));
    reopen(Duration.ofHours(1));
    assertThatThrownBy(() -> safe.read(lost, AGENT)).isInstanceOf(DocumentNotFoundException.class);
    assertThat(store.list(Layout.documentPrefix(lost))).isEmpty();
    assertThat(journal())
        .filteredOn(e -> e.documentId().equals("perdu"))
        .extracting(JournalEntry::operation)
        .contains(JournalOperation.DEPOSIT_ROLLED_BACK)
        .doesNotContain(JournalOperation.DEPOSIT);
    assertThat(safe.verifyJournal(T).intact()).isTrue();
    assertThat(read(DocumentRef.of(T, C, "avant"))).isEqualTo("ok");
  }

  @Test
  @DisplayName("3. folders left with only a reservation, or a reservation and content, are removed")
  void deposit_whenCrashBeforeContentOrEnvelope_leftoversAreRemoved() {
    store.crashBeforePut(k -> k.contains("/content-"));
    assertThatThrownBy(() -> deposit("a", "x")).isInstanceOf(HostileStore.Crash.class);
    store.crashBeforePut(k -> k.endsWith("/key"));
    assertThatThrownBy(() -> deposit("b", "y")).isInstanceOf(HostileStore.Crash.class);
    assertThat(store.list(Layout.documentPrefix(DocumentRef.of(T, C, "a")))).hasSize(1);
    assertThat(store.list(Layout.documentPrefix(DocumentRef.of(T, C, "b")))).hasSize(2);

    reopen(Duration.ZERO);
    safe.count(T, C, AGENT);

    assertThat(store.list(Layout.tenantPrefix(T) + "c/")).isEmpty();
    assertThat(safe.verifyJournal(T).intact()).isTrue();
    // The numbers of rolled-back versions are not reused.
    assertThat(deposit("a", "again").version()).isEqualTo(2);
  }

  @Test
  @DisplayName("3. a crash before any write of a deposit leaves it either journaled or gone")
  void deposit_whenCrashBeforeEachWrite_isAllOrNothingAfterRecovery() throws Exception {
    for (int point = 0; ; point++) {
      String id = "crash-" + point;
      int[] writes = {0};
      int crashAt = point;
      store.crashBeforePut(
          k ->
              k.contains("/d/" + id + "/") || k.contains("journal")
                  ? writes[0]++ == crashAt
                  : false);
      boolean crashed;
      try {
        deposit(id, "contenu " + point);
        crashed = false;
      } catch (HostileStore.Crash expected) {
        crashed = true;
      }
      reopen(Duration.ZERO);
      DocumentRef ref = DocumentRef.of(T, C, id);
      boolean journaled =
          journal().stream()
              .anyMatch(
                  e -> e.documentId().equals(id) && e.operation() == JournalOperation.DEPOSIT);
      if (journaled) {
        assertThat(read(ref)).as("crash point %d", point).isEqualTo("contenu " + point);
      } else {
        assertThatThrownBy(() -> safe.read(ref, AGENT))
            .as("crash point %d", point)
            .isInstanceOf(DocumentNotFoundException.class);
        assertThat(store.list(Layout.documentPrefix(ref))).as("crash point %d", point).isEmpty();
      }
      assertThat(safe.verifyJournal(T).intact()).as("crash point %d", point).isTrue();
      if (!crashed) {
        assertThat(point).as("a deposit writes at least 4 objects").isGreaterThanOrEqualTo(4);
        return;
      }
    }
  }

  @Test
  @DisplayName("3. a legal hold interrupted before its journal entry refuses until it is re-run")
  void legalHold_whenCrashBeforeJournalEntry_refusesUntilReRun() {
    DocumentRef ref = deposit("gel", "contenu").ref();
    store.crashBeforePut(k -> k.contains("/journal/"));
    assertThatThrownBy(() -> safe.legalHold(ref, true, AGENT))
        .isInstanceOf(HostileStore.Crash.class);
    reopen(Duration.ZERO);

    assertThatThrownBy(() -> safe.metadata(ref, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> safe.destroy(ref, AGENT)).isInstanceOf(SocleClientException.class);
    assertThat(safe.legalHold(ref, true, AGENT).legalHold()).isTrue();
    assertThat(safe.metadata(ref, AGENT).legalHold()).isTrue();
    assertThatThrownBy(() -> safe.destroy(ref, AGENT)).isInstanceOf(RetentionLockedException.class);
  }

  // --- 4. Names that are not well-formed UTF-16 are refused ----------------------------------

  @Test
  @DisplayName("4. a lone surrogate never reaches the objects of '?'")
  void names_whenLoneSurrogate_areRefused() {
    deposit("?", "question");

    assertThatThrownBy(() -> safe.read(DocumentRef.of(T, C, "\uD800"), AGENT))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DocumentRef.of("\uDC00", C, "x"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> safe.count(T, "a\uD83D", AGENT))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> keys.currentKeyId("\uD800")).isInstanceOf(InvalidInputException.class);
    assertThat(read(DocumentRef.of(T, C, "?"))).isEqualTo("question");
    // A well-formed emoji is fine.
    assertThat(deposit("\uD83D\uDCC4", "pdf").ref().id()).isEqualTo("\uD83D\uDCC4");
  }

  // --- 5. Concurrent deposits never lose an acknowledged deposit ------------------------------

  @Test
  @DisplayName("5. 8 threads depositing on one id keep every acknowledged version")
  void deposit_whenEightThreadsOnOneId_everyAcknowledgedVersionSurvives() throws Exception {
    store.nonAtomicCreate(true);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<DocumentMetadata>> results = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String content = "version " + i;
      results.add(pool.submit(() -> deposit("partage", content)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    Set<Long> versions = new HashSet<>();
    for (Future<DocumentMetadata> r : results) {
      versions.add(r.get().version()); // throws if any deposit failed
    }

    assertThat(versions).hasSize(40);
    DocumentRef ref = DocumentRef.of(T, C, "partage");
    assertThat(safe.verify(ref, AGENT).version()).isEqualTo(40);
    assertThat(journal())
        .filteredOn(e -> e.operation() == JournalOperation.DEPOSIT)
        .extracting(JournalEntry::version)
        .doesNotHaveDuplicates()
        .hasSize(40);
  }

  @Test
  @DisplayName("5. a deposit that loses the race for a version deletes nothing it did not write")
  void deposit_whenAnotherWriterTakesTheVersion_failsWithoutDeletingTheirObjects()
      throws Exception {
    DocumentRef ref = DocumentRef.of(T, C, "course");
    String envelope = Layout.envelope(ref, 1);
    byte[] theirs = "{\"someone\":\"else\"}".getBytes(StandardCharsets.UTF_8);
    // On a store whose conditional create is not atomic the other writer lands just after us.
    store.nonAtomicCreate(true);
    store.afterPut(
        (s, k) -> {
          if (k.equals(envelope)) {
            s.put(k, theirs, WriteOptions.replace());
          }
        });

    assertThatThrownBy(() -> deposit("course", "mine")).isInstanceOf(SocleClientException.class);

    assertThat(raw(envelope)).isEqualTo(theirs);
    assertThat(store.list(Layout.versionPrefix(ref, 1)))
        .noneMatch(k -> k.contains("/" + Layout.CONTENT_NAME));
  }

  // --- 6. Version and sequence numbers are never reused ---------------------------------------

  @Test
  @DisplayName("6. after a document is rolled back in the store, no version number is reused")
  void deposit_whenLatestVersionDeletedFromStore_neverReusesItsNumber() {
    DocumentRef ref = deposit("doc", "v1").ref();
    deposit("doc", "v2");
    for (String k : store.list(Layout.versionPrefix(ref, 2))) {
      store.delegate().delete(k);
    }
    reopen(Duration.ofHours(1));

    assertThatThrownBy(() -> safe.read(ref, AGENT)).isInstanceOf(IntegrityViolationException.class);
    assertThat(deposit("doc", "v3").version()).isEqualTo(3);
    assertThat(journal())
        .filteredOn(e -> e.operation() == JournalOperation.DEPOSIT)
        .extracting(JournalEntry::version)
        .doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("6. after the journal tail is truncated, no sequence number is reused")
  void journal_whenTailTruncated_nextAppendNeverReusesASequence() {
    for (int i = 0; i < 4; i++) {
      deposit("d" + i, "x");
    }
    long last = journal().get(journal().size() - 1).sequence();
    List<String> entries = store.list(Layout.journalPrefix(T));
    store.delegate().delete(entries.get(entries.size() - 1));
    store.delegate().delete(entries.get(entries.size() - 2));
    reopen(Duration.ofHours(1));

    deposit("d9", "y");

    List<JournalEntry> after = journal();
    assertThat(after.get(after.size() - 1).sequence()).isGreaterThan(last);
    assertThat(after).extracting(JournalEntry::sequence).doesNotHaveDuplicates();
    assertThat(safe.verifyJournal(T).firstBrokenSequence()).hasValue(last - 1);
  }

  // --- 7. Keys in the wrong place are a configuration error, not an attack --------------------

  @Test
  @DisplayName("7. a key directory without the tenant's key fails clearly and creates nothing")
  void keys_whenDirectoryHoldsNoKeyForTheTenant_failsWithTenantAndPath() throws Exception {
    DocumentRef ref = deposit("doc", "x").ref();
    Path elsewhere = dir.resolve("elsewhere");
    safe.close();
    store.close();
    safe =
        DocumentSafe.builder()
            .objectStore(store = new HostileStore(openStore()))
            .keyEncryptionKeys(LocalKeyEncryptionKeys.open(elsewhere))
            .clock(clock)
            .build();

    assertThatThrownBy(() -> safe.read(ref, AGENT))
        .isInstanceOf(SocleClientException.class)
        .isNotInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("no key-encryption key for tenant " + T)
        .hasMessageContaining(elsewhere.toAbsolutePath().toString());
    try (var files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  @DisplayName("7. metadata and requests never print the filename or the depositor")
  void toString_redactsFilenameAndDepositor() {
    DepositRequest request =
        DepositRequest.builder(T, C)
            .id("x")
            .depositor("marie.curie@mairie.fr")
            .originalFilename("acte-naissance-DUPONT-Jean.pdf")
            .build();
    DocumentMetadata m = deposit(request, "x");

    for (String s : List.of(request.toString(), m.toString())) {
      assertThat(s).doesNotContain("marie.curie").doesNotContain("DUPONT");
    }
  }
}
