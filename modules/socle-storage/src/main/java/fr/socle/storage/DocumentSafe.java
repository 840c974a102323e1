package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.json.Json;
import fr.socle.storage.internal.ContentPipeline;
import fr.socle.storage.internal.Deposits;
import fr.socle.storage.internal.DocumentLocks;
import fr.socle.storage.internal.EnvelopeStore;
import fr.socle.storage.internal.Envelopes;
import fr.socle.storage.internal.Journal;
import fr.socle.storage.internal.KeyRotation;
import fr.socle.storage.internal.LoadedVersion;
import fr.socle.storage.internal.Names;
import fr.socle.storage.internal.Reading;
import fr.socle.storage.internal.Recovery;
import fr.socle.storage.internal.Retention;
import fr.socle.storage.internal.SafeEvents;
import fr.socle.storage.internal.Versions;
import fr.socle.storage.internal.WarmUp;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.storage.spi.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An encrypted, tamper-evident document safe (coffre-fort numérique) with the functions of NF
 * Z42-020: deposit, read, destroy, metadata, verify, journal, list and count, per tenant (a
 * collectivité) and container.
 *
 * <p>Every version of every document is encrypted with its own data key (Tink streaming AEAD
 * AES-256-GCM-HKDF, 1 MiB segments) bound to its tenant, container, identifier and version; the
 * data key is wrapped by the tenant's key-encryption key ({@link KeyEncryptionKeys}) together with
 * every other field of the envelope (key-encryption key id included). Content streams through in
 * constant memory in both directions. Every call appends an entry to the tenant's hash-chained
 * journal, in the same store, and the journal is the record of what exists: a version is visible
 * only once its deposit is journaled, each envelope's digest and protection (retention, legal hold)
 * are checked against the journal, and interrupted deposits are rolled back, and journaled, when
 * the safe first touches a tenant ({@link DocumentSafeBuilder#recoveryGracePeriod}). Retention
 * dates and legal holds are enforced here and, where the store supports object lock, by the store
 * too.
 *
 * <p>Thread-safe; build one per application and share it. Closing it never closes the {@link
 * ObjectStore} or anything else given to the builder: close the store yourself, after the safe.
 *
 * <pre>{@code
 * try (ObjectStore store = FileSystemObjectStore.open(Path.of("/var/lib/coffre"));
 *     DocumentSafe safe = DocumentSafe.builder()
 *         .objectStore(store)
 *         .keyEncryptionKeys(LocalKeyEncryptionKeys.open(Path.of("/etc/coffre/keys")))
 *         .build()) {
 *   DocumentMetadata m = safe.deposit(
 *       DepositRequest.builder("21750001600019", "etat-civil").depositor("agent:42")
 *           .contentType("application/pdf").build(),
 *       Files.newInputStream(pdf));
 *   try (InputStream in = safe.read(m.ref(), "agent:42")) {
 *     in.transferTo(response);
 *   }
 * }
 * }</pre>
 *
 * <p>Errors: {@link IntegrityViolationException} when anything stored fails authentication, {@link
 * DocumentNotFoundException}, {@link RetentionLockedException}, {@link ContentRejectedException}
 * and {@link ScannerUnavailableException} when a {@link ContentScanner} is configured, {@link
 * InvalidInputException} for an invalid argument (a name, an actor, a version number), {@link
 * NullPointerException} naming the parameter for a null one, and {@link SocleClientException} for
 * I/O failures.
 */
public final class DocumentSafe implements AutoCloseable {

  private final ObjectStore store;
  private final KeyEncryptionKeys keys;
  private final boolean objectLock;
  private final boolean digestOnRead;
  private final Json json;
  private final Journal journal;
  private final Versions versions;
  private final ContentPipeline pipeline;
  private final Deposits deposits;
  private final Retention retention;
  private final KeyRotation rotation;
  private final Reading reading;
  private final SafeEvents events;

  DocumentSafe(DocumentSafeBuilder b, boolean objectLock) {
    this.store = b.store;
    this.keys = b.keys;
    this.objectLock = objectLock;
    this.digestOnRead = b.digestOnRead;
    this.json = Json.create();
    this.journal = new Journal(store, b.clock, json);
    DocumentLocks locks = new DocumentLocks();
    Recovery recovery = new Recovery(store, journal, b.clock, json, b.recoveryGracePeriod);
    EnvelopeStore envelopes = new EnvelopeStore(store, keys, json);
    this.versions = new Versions(journal, recovery, envelopes, locks);
    this.pipeline =
        new ContentPipeline(
            store,
            envelopes,
            Optional.ofNullable(b.contentScanner),
            b.digestAlgorithm,
            objectLock,
            b.retentionMode,
            b.clock);
    this.deposits = new Deposits(store, journal, recovery, envelopes, pipeline, locks, b.clock);
    this.retention =
        new Retention(
            store, journal, versions, envelopes, locks, b.clock, objectLock, b.retentionMode);
    this.rotation = new KeyRotation(keys, journal, versions, envelopes, locks);
    this.reading = new Reading(journal, versions, pipeline);
    this.events = new SafeEvents(Optional.ofNullable(b.listener));
  }

  /**
   * Starts building a safe.
   *
   * @return a builder
   */
  public static DocumentSafeBuilder builder() {
    return new DocumentSafeBuilder();
  }

  /**
   * Warms the JIT up for AES-GCM by encrypting and decrypting about 1 GiB in memory with a
   * throw-away key (about 10 to 20 s of one core). A fresh JVM runs AES-GCM at roughly 90 MB/s for
   * its first ~600 segments of 1 MiB, then at several GB/s; call this from a background thread at
   * start-up if the first documents handled must go at full speed. Optional: nothing depends on it.
   */
  public static void warmUp() {
    WarmUp.run(1024);
  }

  /**
   * Tells whether the store enforces retention and legal hold itself (object lock), as detected
   * when the safe was built.
   *
   * @return true if object lock is applied to deposited content
   */
  public boolean objectLockEnforced() {
    return objectLock;
  }

  /**
   * Deposits a document, or a new version of it if the identifier exists. The content is read to
   * its end, encrypted and stored; the version becomes visible only once it is durable and
   * journaled. Deposits on one identifier through one safe are serialised.
   *
   * @param request where, by whom, and the metadata
   * @param content the plaintext; read to the end, not closed
   * @return the metadata of the new version
   * @throws IntegrityViolationException if an expected digest was given and does not match
   * @throws MalwareDetectedException if the content scanner found malware (journaled as {@link
   *     JournalOperation#CONTENT_REFUSED}; the version number is not reused)
   * @throws ContentTooLargeToScanException if the content is larger than the scanner inspects
   *     (journaled likewise)
   * @throws ScannerUnavailableException if the content scanner gave no verdict; nothing is visible
   * @throws SocleClientException if the content cannot be read or stored, or another process took
   *     the version concurrently; nothing is visible then
   */
  public DocumentMetadata deposit(DepositRequest request, InputStream content) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(content, "content");
    DocumentMetadata m = events.observe("other", () -> deposits.deposit(request, content));
    events.deposited(m.size());
    return m;
  }

  /**
   * Opens the latest version of a document for reading. The stream decrypts and authenticates as it
   * goes and, at its end, checks the size and digest recorded at deposit.
   *
   * <p>The stream's {@code read} methods throw {@link IntegrityViolationException} (unchecked) as
   * soon as tampering is detected; a caller that forwards bytes before the end must discard what it
   * forwarded when that happens. Use {@link #readTo} to get the whole document or nothing. The
   * {@link SafeListener} hears of the read when the stream reaches its verified end.
   *
   * @param ref the document
   * @param actor who reads (journaled)
   * @return the plaintext stream; close it
   * @throws DocumentNotFoundException if absent
   * @throws IntegrityViolationException if the metadata or key cannot be authenticated
   */
  public InputStream read(DocumentRef ref, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    return open(events.observe("read", () -> reading.forRead(ref, 0, actor)));
  }

  /**
   * Opens one version of a document for reading, an older one included, with the same checks as
   * {@link #read(DocumentRef, String)}: only a version the journal records as deposited and neither
   * destroyed nor rolled back is returned, and its envelope must agree with the journal (digest,
   * retention date, legal hold).
   *
   * @param ref the document
   * @param version the version, from 1
   * @param actor who reads (journaled with the version read)
   * @return the plaintext stream; close it
   * @throws InvalidInputException if {@code version} is below 1
   * @throws DocumentNotFoundException if the document or this version does not exist (never
   *     deposited, refused, rolled back or destroyed)
   * @throws IntegrityViolationException if the metadata or key cannot be authenticated, or the
   *     envelope disagrees with the journal
   */
  public InputStream read(DocumentRef ref, long version, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    if (version < 1) {
      throw new InvalidInputException("version must be 1 or more");
    }
    return open(events.observe("read", () -> reading.forRead(ref, version, actor)));
  }

  /**
   * Journals an archiving or sealing event for {@link ArchiveTransfers} and {@link JournalSealer}:
   * the journal has no free-text field, so tenant-wide archiving entries carry the SEDA message
   * identifier in {@code documentId}. These entries record no protection (retention, legal hold),
   * like every entry other than deposits and protection changes.
   */
  JournalEntry journalArchiving(
      String tenant,
      String actor,
      JournalOperation operation,
      String container,
      String documentId,
      long version,
      String digest) {
    requireActor(actor);
    Names.requireValidName("tenant", tenant);
    versions.recover(tenant);
    return journal.append(tenant, actor, operation, container, documentId, version, digest);
  }

  /**
   * Reports tampering found by {@link JournalSealer} or {@link ArchiveTransfers} to the listener.
   */
  void integrityFailure(String operation) {
    events.integrityFailure(operation);
  }

  /**
   * Reads the latest version of a document into a stream and checks its digest.
   *
   * @param ref the document
   * @param actor who reads (journaled)
   * @param out where the plaintext goes; not closed
   * @return the metadata of the version read
   * @throws IntegrityViolationException if anything fails authentication (what was already written
   *     to {@code out} must be discarded)
   */
  public DocumentMetadata readTo(DocumentRef ref, String actor, OutputStream out) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    Objects.requireNonNull(out, "out");
    LoadedVersion loaded = events.observe("read", () -> reading.forRead(ref, 0, actor));
    try (InputStream in = open(loaded)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new SocleClientException("cannot read document " + Envelopes.describe(ref), e);
    }
    return loaded.metadata();
  }

  /** Opens a loaded version for a caller's read, reported to the listener at its verified end. */
  private InputStream open(LoadedVersion loaded) {
    long size = loaded.metadata().size();
    InputStream in = events.observe("read", () -> pipeline.open(loaded, digestOnRead));
    return events.observeRead(in, size);
  }

  /**
   * Returns the authenticated metadata of the latest version, checked against the journal: an
   * envelope restored from before a legal hold or a retention extension is refused.
   *
   * @param ref the document
   * @param actor who asks (journaled)
   * @return the metadata
   * @throws DocumentNotFoundException if absent
   * @throws IntegrityViolationException if the metadata was altered or rolled back
   */
  public DocumentMetadata metadata(DocumentRef ref, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    return events.observe("metadata", () -> reading.metadata(ref, actor));
  }

  /**
   * Checks every version of a document end to end: key, metadata, agreement with the journal, every
   * ciphertext segment, size and digest (NF Z42-020 "contrôler"). The outcome is journaled either
   * way.
   *
   * @param ref the document
   * @param actor who checks
   * @return the metadata of the latest version
   * @throws IntegrityViolationException if any version fails
   * @throws DocumentNotFoundException if absent
   */
  public DocumentMetadata verify(DocumentRef ref, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    return events.observe("verify", () -> reading.verify(ref, actor));
  }

  /**
   * Destroys a document: every version's data key (crypto-shredding) and ciphertext. Refused, and
   * the refusal journaled, before any version's retention date or under legal hold, as recorded in
   * the journal (an envelope that disagrees with the journal is an integrity violation, never a
   * permission to destroy), and refused while the tenant's journal does not authenticate.
   *
   * @param ref the document
   * @param actor who destroys
   * @throws RetentionLockedException if retention or a legal hold forbids it
   * @throws DocumentNotFoundException if absent
   * @throws IntegrityViolationException if an envelope disagrees with the journal, or the journal
   *     is broken
   */
  public void destroy(DocumentRef ref, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    events.observe(
        "destroy",
        () -> {
          retention.destroy(ref, actor);
          return null;
        });
    events.destroyed();
  }

  /**
   * Lists the documents of a container (latest version of each), sorted by identifier. Each entry's
   * metadata is authenticated and checked against the journal, which costs one unwrap per document.
   *
   * @param tenant the tenant
   * @param container the container
   * @param actor who lists (journaled)
   * @return the metadata, possibly empty
   */
  public List<DocumentMetadata> list(String tenant, String container, String actor) {
    Names.requireValidName("tenant", tenant);
    Names.requireValidName("container", container);
    requireActor(actor);
    return events.observe("other", () -> reading.list(tenant, container, actor));
  }

  /**
   * Counts the documents of a container, as recorded in the journal.
   *
   * @param tenant the tenant
   * @param container the container
   * @param actor who counts (journaled)
   * @return the number of documents
   */
  public long count(String tenant, String container, String actor) {
    Names.requireValidName("tenant", tenant);
    Names.requireValidName("container", container);
    requireActor(actor);
    return events.observe("other", () -> reading.count(tenant, container, actor));
  }

  /**
   * Reads a tenant's journal in order.
   *
   * @param tenant the tenant
   * @param fromSequence the first sequence number wanted (1 for the beginning)
   * @param limit the maximum number of entries
   * @return the entries
   * @throws InvalidInputException if {@code limit} is negative
   * @throws IntegrityViolationException if an entry is malformed
   */
  public List<JournalEntry> journal(String tenant, long fromSequence, int limit) {
    Names.requireValidName("tenant", tenant);
    if (limit < 0) {
      throw new InvalidInputException("limit must be 0 or more");
    }
    return events.observe(
        "other",
        () -> {
          versions.recover(tenant);
          return journal.read(tenant, fromSequence, limit);
        });
  }

  /**
   * Checks the hash chain of a tenant's whole journal, and that it reaches the last sequence number
   * the journal head recorded (a truncated tail is reported at its first missing entry). A broken
   * chain is reported in the result, not thrown, and to the {@link SafeListener} as an integrity
   * failure of {@code verifyJournal}.
   *
   * @param tenant the tenant
   * @return the result, with the first broken entry if any
   */
  public JournalVerification verifyJournal(String tenant) {
    Names.requireValidName("tenant", tenant);
    JournalVerification result =
        events.observe(
            "verifyJournal",
            () -> {
              versions.recover(tenant);
              return journal.verify(tenant);
            });
    if (!result.intact()) {
      events.integrityFailure("verifyJournal");
    }
    return result;
  }

  /**
   * Places or releases a legal hold on every version of a document. Re-running it repairs an
   * envelope left behind by an interrupted call.
   *
   * @param ref the document
   * @param on true to hold, false to release
   * @param actor who decides
   * @return the metadata of the latest version
   */
  public DocumentMetadata legalHold(DocumentRef ref, boolean on, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    return events.observe("other", () -> retention.legalHold(ref, on, actor));
  }

  /**
   * Extends the retention of every version of a document. Retention is never shortened, compared
   * with both the envelope and the journal.
   *
   * @param ref the document
   * @param until the new retention date
   * @param actor who decides
   * @return the metadata of the latest version
   * @throws RetentionLockedException if {@code until} is before a version's current date
   */
  public DocumentMetadata extendRetention(DocumentRef ref, Instant until, String actor) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(until, "until");
    requireActor(actor);
    return events.observe("other", () -> retention.extendRetention(ref, until, actor));
  }

  /**
   * Re-wraps every data key of a tenant that is not wrapped by the tenant's current key-encryption
   * key. Documents are not re-encrypted: only their small envelopes are rewritten. Run after
   * rotating the key-encryption key, then {@link #retireOldKeys(String, String)}.
   *
   * @param tenant the tenant
   * @param actor who rotates (journaled, one entry per document)
   * @return how many data keys were re-wrapped
   */
  public int rewrapKeys(String tenant, String actor) {
    Names.requireValidName("tenant", tenant);
    requireActor(actor);
    return events.observe("rewrap", () -> rotation.rewrapKeys(tenant, actor));
  }

  /**
   * Retires a tenant's old key-encryption keys, after proving that every live version's data key is
   * wrapped by the current key: each envelope is authenticated (its key id is part of the wrapped
   * key's associated data) and must name the current key. Refused, and nothing retired, if any
   * document still needs an old key (run {@link #rewrapKeys} first), if any envelope fails
   * authentication, or if the journal does not authenticate (it lists the live documents).
   *
   * @param tenant the tenant
   * @param actor who retires (journaled)
   * @return how many keys were retired
   * @throws SocleClientException if a document still needs an old key
   * @throws IntegrityViolationException if an envelope or the journal fails authentication
   * @throws UnsupportedOperationException if the key holder retires keys itself
   */
  public int retireOldKeys(String tenant, String actor) {
    Names.requireValidName("tenant", tenant);
    requireActor(actor);
    return events.observe("other", () -> rotation.retireOldKeys(tenant, actor));
  }

  /**
   * Releases what the safe created itself; the store and everything else given to the builder stay
   * open (Socle never closes an object it was given), for their owner to close. Idempotent.
   */
  @Override
  public void close() {
    json.close();
  }

  @Override
  public String toString() {
    return "DocumentSafe[" + store + ", " + keys + "]";
  }

  private static void requireActor(String actor) {
    Names.requireValidText("actor", actor, 256);
  }
}
