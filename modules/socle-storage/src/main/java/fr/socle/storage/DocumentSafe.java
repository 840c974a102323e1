package fr.socle.storage;

import com.google.crypto.tink.StreamingAead;
import fr.socle.core.SocleClientException;
import fr.socle.core.json.Json;
import fr.socle.storage.internal.ContentPump;
import fr.socle.storage.internal.DocumentCrypto;
import fr.socle.storage.internal.DocumentLocks;
import fr.socle.storage.internal.Envelopes;
import fr.socle.storage.internal.Hashing;
import fr.socle.storage.internal.Journal;
import fr.socle.storage.internal.Layout;
import fr.socle.storage.internal.Names;
import fr.socle.storage.internal.PipelinedDigest;
import fr.socle.storage.internal.Recovery;
import fr.socle.storage.internal.Scanning;
import fr.socle.storage.internal.StoredEnvelope;
import fr.socle.storage.internal.VerifyingInputStream;
import fr.socle.storage.internal.WarmUp;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectLockedException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.StoreCapabilities;
import fr.socle.storage.spi.WrappedKey;
import fr.socle.storage.spi.WriteOptions;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * the safe first touches a tenant ({@link Builder#recoveryGracePeriod}). Retention dates and legal
 * holds are enforced here and, where the store supports object lock, by the store too.
 *
 * <p>Thread-safe; build one per application and share it. Closing it closes the store.
 *
 * <pre>{@code
 * try (DocumentSafe safe = DocumentSafe.builder()
 *     .objectStore(FileSystemObjectStore.open(Path.of("/var/lib/coffre")))
 *     .keyEncryptionKeys(LocalKeyEncryptionKeys.open(Path.of("/etc/coffre/keys")))
 *     .build()) {
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
 * and {@link ScannerUnavailableException} when a {@link ContentScanner} is configured, and {@link
 * SocleClientException} for I/O failures and invalid arguments ({@link IllegalArgumentException}).
 */
public final class DocumentSafe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentSafe.class);
  private static final int MAX_ENVELOPE_BYTES = 64 * 1024;
  private static final int MAX_VERSION_ATTEMPTS = 100;

  private final ObjectStore store;
  private final KeyEncryptionKeys keys;
  private final Clock clock;
  private final DigestAlgorithm digestAlgorithm;
  private final RetentionMode retentionMode;
  private final boolean objectLock;
  private final boolean digestOnRead;
  private final Json json;
  private final Journal journal;
  private final DocumentLocks locks = new DocumentLocks();
  private final Recovery recovery;
  private final Optional<ContentScanner> contentScanner;

  private DocumentSafe(Builder b, boolean objectLock) {
    this.store = b.store;
    this.keys = b.keys;
    this.clock = b.clock;
    this.digestAlgorithm = b.digestAlgorithm;
    this.retentionMode = b.retentionMode;
    this.objectLock = objectLock;
    this.digestOnRead = b.digestOnRead;
    this.json = Json.create();
    this.journal = new Journal(store, clock, json);
    this.recovery = new Recovery(store, journal, clock, json, b.recoveryGracePeriod);
    this.contentScanner = Optional.ofNullable(b.contentScanner);
  }

  /**
   * Starts building a safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
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
    DocumentRef ref = request.ref();
    recover(ref.tenant());
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      String attempt = Envelopes.newAttempt();
      long version = reserveVersion(ref, attempt);
      boolean envelopeWritten = false;
      try {
        Written w = writeVersion(request, version, attempt, content);
        ReentrantReadWriteLock.WriteLock commit = locks.commit(ref).writeLock();
        commit.lock();
        try {
          putEnvelope(Layout.envelope(ref, version), w.envelope());
          envelopeWritten = true;
          DocumentMetadata m = w.metadata();
          journal.append(
              ref.tenant(),
              request.depositor(),
              JournalOperation.DEPOSIT,
              ref.container(),
              ref.id(),
              version,
              digestOf(m),
              m.retainUntil(),
              m.legalHold());
        } finally {
          commit.unlock();
        }
        LOG.debug("deposited version {} of a document", version);
        return w.metadata();
      } catch (RuntimeException e) {
        // Fail closed: a deposit that is not journaled must not stay visible. Only what this
        // attempt wrote is deleted: never another deposit's objects.
        if (envelopeWritten) {
          deleteQuietly(Layout.envelope(ref, version));
        }
        deleteQuietly(Layout.content(ref, version, attempt));
        if (e instanceof ContentRejectedException refused) {
          // Journaled before the reservation is released, so the refused version number stays
          // consumed (JournalState counts it like a rolled-back one) and is never reused.
          journalRefusal(request, version, refused);
        }
        if (reservedBy(ref, version).map(r -> r.attempt().equals(attempt)).orElse(false)) {
          deleteQuietly(Layout.reserved(ref, version));
        }
        throw e;
      }
    } finally {
      mutex.unlock();
    }
  }

  /**
   * Journals a scanner's refusal in the journal's usual shape: the refused version, no digest (the
   * content was never accepted) and no protection (nothing was stored to protect).
   */
  private void journalRefusal(DepositRequest request, long version, ContentRejectedException e) {
    DocumentRef ref = request.ref();
    try {
      journal.append(
          ref.tenant(),
          request.depositor(),
          JournalOperation.CONTENT_REFUSED,
          ref.container(),
          ref.id(),
          version,
          "");
    } catch (RuntimeException journalFailure) {
      e.addSuppressed(journalFailure);
    }
  }

  private record Written(DocumentMetadata metadata, byte[] envelope) {}

  /**
   * Writes the envelope once and reads it back: on a store whose conditional create is not atomic
   * two writers can both "succeed", and only the one whose bytes are stored owns the version.
   */
  private void putEnvelope(String key, byte[] bytes) {
    store.put(key, bytes, WriteOptions.writeOnce());
    byte[] stored;
    try (InputStream in = store.get(key)) {
      stored = in.readNBytes(MAX_ENVELOPE_BYTES + 1);
    } catch (IOException | ObjectNotFoundException e) {
      throw new SocleClientException("deposit failed: the envelope cannot be read back", e);
    }
    if (!Arrays.equals(stored, bytes)) {
      throw new ObjectExistsException(
          "deposit failed: another process deposited the same version concurrently");
    }
  }

  private Written writeVersion(
      DepositRequest request, long version, String attempt, InputStream content) {
    DocumentRef ref = request.ref();
    DocumentCrypto.DataKey dataKey = DocumentCrypto.newDataKey();
    try {
      WriteOptions contentOptions =
          objectLock
              ? new WriteOptions(true, request.retainUntil(), retentionMode, request.legalHold())
              : WriteOptions.writeOnce();
      long size = 0;
      try (ContentScanner.Scan scan = Scanning.begin(contentScanner);
          PipelinedDigest md = new PipelinedDigest(Hashing.digest(digestAlgorithm.jcaName()));
          ObjectWriter writer =
              store.openWriter(Layout.content(ref, version, attempt), contentOptions)) {
        try (OutputStream enc =
            dataKey
                .aead()
                .newEncryptingStream(new NonClosing(writer), Envelopes.contentAad(ref, version))) {
          size = ContentPump.pump(content, md, scan, enc);
        }
        String digest = Hashing.hex(md.digest());
        if (request.expectedDigest().isPresent()
            && !MessageDigest.isEqual(
                digest.getBytes(), request.expectedDigest().get().getBytes())) {
          throw new IntegrityViolationException(
              "deposited content does not match the expected digest");
        }
        // The verdict comes before the commit: refused content is never published, and no
        // envelope (hence no visible version) is written for it.
        Scanning.requireClean(scan);
        writer.commit();
        DocumentMetadata metadata =
            new DocumentMetadata(
                ref,
                version,
                size,
                digestAlgorithm,
                digest,
                request.depositor(),
                clock.instant(),
                request.contentType(),
                request.originalFilename(),
                request.retainUntil(),
                request.legalHold());
        return new Written(metadata, seal(metadata, attempt, dataKey.serialized()));
      } catch (IOException | GeneralSecurityException e) {
        throw new SocleClientException("deposit failed: the document could not be stored", e);
      }
    } finally {
      Arrays.fill(dataKey.serialized(), (byte) 0);
    }
  }

  /**
   * Wraps a data key with associated data that names the key-encryption key, so the key id stored
   * in the envelope is authenticated like every other field.
   */
  private byte[] seal(DocumentMetadata m, String attempt, byte[] dataKey) {
    String tenant = m.ref().tenant();
    for (int tries = 0; tries < 3; tries++) {
      String kekId = keys.currentKeyId(tenant);
      WrappedKey wrapped = keys.wrap(tenant, dataKey, Envelopes.keyAad(m, attempt, kekId));
      if (wrapped.kekId().equals(kekId)) {
        return encode(Envelopes.toStored(m, attempt, wrapped));
      }
      // The key was rotated between the two calls: wrap again under the new one.
    }
    throw new SocleClientException("the key-encryption key keeps changing; cannot wrap");
  }

  /**
   * Reserves the next version: one more than every version found in the store (even folders left by
   * interrupted deposits) and every version the journal ever recorded (even rolled back or
   * destroyed ones), so a version number is never reused.
   */
  private long reserveVersion(DocumentRef ref, String attempt) {
    String prefix = Layout.documentPrefix(ref);
    long version =
        journal
                .document(ref.tenant(), ref.container(), ref.id())
                .map(Journal.DocumentState::highestVersion)
                .orElse(0L)
            + 1;
    for (String key : store.list(prefix)) {
      OptionalLong v = Layout.versionOf(prefix, key);
      if (v.isPresent()) {
        version = Math.max(version, v.getAsLong() + 1);
      }
    }
    for (int tries = 0; tries < MAX_VERSION_ATTEMPTS; tries++, version++) {
      try {
        store.put(
            Layout.reserved(ref, version),
            Recovery.reservation(attempt, clock.instant()),
            // A reservation lost in a crash only makes the recovery treat the folder as old.
            WriteOptions.writeOnce().withDurable(false));
      } catch (ObjectExistsException raced) {
        // A concurrent deposit took this version; try the next one.
        continue;
      }
      // A store whose conditional create is not atomic may have let another writer in too.
      if (reservedBy(ref, version).map(r -> r.attempt().equals(attempt)).orElse(false)) {
        return version;
      }
    }
    throw new SocleClientException("too many concurrent deposits on one document");
  }

  private Optional<Recovery.Reservation> reservedBy(DocumentRef ref, long version) {
    return recovery.reservation(Layout.reserved(ref, version));
  }

  /**
   * Opens the latest version of a document for reading. The stream decrypts and authenticates as it
   * goes and, at its end, checks the size and digest recorded at deposit.
   *
   * <p>The stream's {@code read} methods throw {@link IntegrityViolationException} (unchecked) as
   * soon as tampering is detected; a caller that forwards bytes before the end must discard what it
   * forwarded when that happens. Use {@link #readTo} to get the whole document or nothing.
   *
   * @param ref the document
   * @param actor who reads (journaled)
   * @return the plaintext stream; close it
   * @throws DocumentNotFoundException if absent
   * @throws IntegrityViolationException if the metadata or key cannot be authenticated
   */
  public InputStream read(DocumentRef ref, String actor) {
    return open(loadForRead(ref, actor), digestOnRead);
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
   * @throws DocumentNotFoundException if the document or this version does not exist (never
   *     deposited, refused, rolled back or destroyed)
   * @throws IntegrityViolationException if the metadata or key cannot be authenticated, or the
   *     envelope disagrees with the journal
   */
  public InputStream read(DocumentRef ref, long version, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
    Loaded loaded;
    ReentrantReadWriteLock.ReadLock read = locks.commit(ref).readLock();
    read.lock();
    try {
      Journal.VersionState journaled = liveVersions(ref).get(version);
      if (journaled == null) {
        throw new DocumentNotFoundException(
            "no version " + version + " of document " + Envelopes.describe(ref));
      }
      loaded = load(ref, version, journaled, true);
    } finally {
      read.unlock();
    }
    try {
      journalOn(ref, actor, JournalOperation.READ, loaded.metadata());
    } catch (RuntimeException e) {
      loaded.wipe();
      throw e;
    }
    return open(loaded, digestOnRead);
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
    recover(tenant);
    return journal.append(tenant, actor, operation, container, documentId, version, digest);
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
    Objects.requireNonNull(out, "out");
    Loaded loaded = loadForRead(ref, actor);
    try (InputStream in = open(loaded, digestOnRead)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new SocleClientException("cannot read document " + Envelopes.describe(ref), e);
    }
    return loaded.metadata();
  }

  private Loaded loadForRead(DocumentRef ref, String actor) {
    requireActor(actor);
    Loaded loaded = loadLatest(ref);
    try {
      journalOn(ref, actor, JournalOperation.READ, loaded.metadata());
    } catch (RuntimeException e) {
      loaded.wipe();
      throw e;
    }
    return loaded;
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
    requireActor(actor);
    Loaded loaded = loadLatest(ref);
    loaded.wipe();
    journalOn(ref, actor, JournalOperation.METADATA, loaded.metadata());
    return loaded.metadata();
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
    requireActor(actor);
    DocumentMetadata latest = null;
    try {
      for (Map.Entry<Long, Journal.VersionState> v : liveVersions(ref).entrySet()) {
        Loaded loaded = load(ref, v.getKey(), v.getValue(), true);
        try (InputStream in = open(loaded, true)) {
          in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new SocleClientException("cannot read document " + Envelopes.describe(ref), e);
        }
        latest = loaded.metadata();
      }
    } catch (IntegrityViolationException e) {
      journal.append(
          ref.tenant(), actor, JournalOperation.VERIFY_FAILED, ref.container(), ref.id(), 0, "");
      throw e;
    }
    journalOn(ref, actor, JournalOperation.VERIFY, latest);
    return latest;
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
    requireActor(actor);
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      TreeMap<Long, Journal.VersionState> versions = liveVersions(ref);
      if (!journal.replayedIntact(ref.tenant())) {
        // A broken journal may hide a legal hold or a retention extension: fail closed.
        throw new IntegrityViolationException(
            "the journal of tenant "
                + ref.tenant()
                + " does not authenticate; destruction refused");
      }
      Instant now = clock.instant();
      List<Loaded> all = new ArrayList<>();
      for (Map.Entry<Long, Journal.VersionState> v : versions.entrySet()) {
        Loaded loaded = load(ref, v.getKey(), v.getValue(), true);
        loaded.wipe();
        all.add(loaded);
      }
      DocumentMetadata latest = all.get(all.size() - 1).metadata();
      for (Loaded l : all) {
        DocumentMetadata m = l.metadata();
        if (m.lockedAt(now)) {
          journalOn(ref, actor, JournalOperation.DESTROY_REFUSED, m);
          throw new RetentionLockedException(
              "document "
                  + Envelopes.describe(ref)
                  + (m.legalHold() ? " is under legal hold" : " is under retention"));
        }
      }
      ReentrantReadWriteLock.WriteLock commit = locks.commit(ref).writeLock();
      commit.lock();
      try {
        try {
          for (Loaded l : all) {
            store.delete(Layout.content(ref, l.metadata().version(), l.attempt()));
          }
        } catch (ObjectLockedException e) {
          journalOn(ref, actor, JournalOperation.DESTROY_REFUSED, latest);
          throw new RetentionLockedException(
              "the store refuses to delete document " + Envelopes.describe(ref) + " (object lock)");
        }
        for (Loaded l : all) {
          // The wrapped data key goes last: without it no copy of the ciphertext can be decrypted.
          store.delete(Layout.envelope(ref, l.metadata().version()));
          store.delete(Layout.reserved(ref, l.metadata().version()));
        }
        journalOn(ref, actor, JournalOperation.DESTROY, latest);
      } finally {
        commit.unlock();
      }
    } finally {
      mutex.unlock();
    }
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
    requireActor(actor);
    Names.requireValidName("container", container);
    recover(tenant);
    List<DocumentMetadata> out = new ArrayList<>();
    for (String id : journal.documentIds(tenant, container)) {
      DocumentRef ref = new DocumentRef(tenant, container, id);
      Optional<Loaded> loaded = tryLoadLatest(ref);
      loaded.ifPresent(
          l -> {
            l.wipe();
            out.add(l.metadata());
          });
    }
    journal.append(tenant, actor, JournalOperation.LIST, container, "", 0, "");
    return out;
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
    requireActor(actor);
    Names.requireValidName("container", container);
    recover(tenant);
    long n = journal.documentIds(tenant, container).size();
    journal.append(tenant, actor, JournalOperation.COUNT, container, "", 0, "");
    return n;
  }

  /**
   * Reads a tenant's journal in order.
   *
   * @param tenant the tenant
   * @param fromSequence the first sequence number wanted (1 for the beginning)
   * @param limit the maximum number of entries
   * @return the entries
   * @throws IntegrityViolationException if an entry is malformed
   */
  public List<JournalEntry> journal(String tenant, long fromSequence, int limit) {
    Names.requireValidName("tenant", tenant);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
    recover(tenant);
    return journal.read(tenant, fromSequence, limit);
  }

  /**
   * Checks the hash chain of a tenant's whole journal, and that it reaches the last sequence number
   * the journal head recorded (a truncated tail is reported at its first missing entry).
   *
   * @param tenant the tenant
   * @return the result, with the first broken entry if any
   */
  public JournalVerification verifyJournal(String tenant) {
    Names.requireValidName("tenant", tenant);
    recover(tenant);
    return journal.verify(tenant);
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
    requireActor(actor);
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      List<Loaded> all = new ArrayList<>();
      for (Map.Entry<Long, Journal.VersionState> v : liveVersions(ref).entrySet()) {
        all.add(load(ref, v.getKey(), v.getValue(), false));
      }
      DocumentMetadata latest = null;
      for (Loaded loaded : all) {
        DocumentMetadata m = loaded.metadata();
        DocumentMetadata updated = withProtection(m, m.retainUntil(), on);
        rewrite(loaded, updated);
        if (objectLock) {
          store.legalHold(Layout.content(ref, m.version(), loaded.attempt()), on);
        }
        latest = updated;
      }
      journal.append(
          ref.tenant(),
          actor,
          on ? JournalOperation.LEGAL_HOLD_SET : JournalOperation.LEGAL_HOLD_RELEASED,
          ref.container(),
          ref.id(),
          latest.version(),
          digestOf(latest),
          latest.retainUntil(),
          on);
      return latest;
    } finally {
      mutex.unlock();
    }
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
    requireActor(actor);
    Objects.requireNonNull(until, "until");
    ReentrantLock mutex = locks.mutex(ref);
    mutex.lock();
    try {
      List<Loaded> all = new ArrayList<>();
      try {
        for (Map.Entry<Long, Journal.VersionState> v : liveVersions(ref).entrySet()) {
          Loaded loaded = load(ref, v.getKey(), v.getValue(), false);
          all.add(loaded);
          boolean shorter =
              loaded.metadata().retainUntil().map(until::isBefore).orElse(false)
                  || v.getValue().retainUntil().map(until::isBefore).orElse(false);
          if (shorter) {
            throw new RetentionLockedException("retention can only be extended, never shortened");
          }
        }
      } catch (RuntimeException e) {
        all.forEach(Loaded::wipe);
        throw e;
      }
      DocumentMetadata latest = null;
      for (Loaded loaded : all) {
        DocumentMetadata m = loaded.metadata();
        DocumentMetadata updated = withProtection(m, Optional.of(until), m.legalHold());
        rewrite(loaded, updated);
        if (objectLock) {
          store.extendRetention(
              Layout.content(ref, m.version(), loaded.attempt()), until, retentionMode);
        }
        latest = updated;
      }
      journal.append(
          ref.tenant(),
          actor,
          JournalOperation.RETENTION_EXTENDED,
          ref.container(),
          ref.id(),
          latest.version(),
          digestOf(latest),
          Optional.of(until),
          latest.legalHold());
      return latest;
    } finally {
      mutex.unlock();
    }
  }

  /** The same version's metadata with another retention date and legal hold. */
  private static DocumentMetadata withProtection(
      DocumentMetadata m, Optional<Instant> retainUntil, boolean legalHold) {
    return new DocumentMetadata(
        m.ref(),
        m.version(),
        m.size(),
        m.digestAlgorithm(),
        m.digest(),
        m.depositor(),
        m.depositedAt(),
        m.contentType(),
        m.originalFilename(),
        retainUntil,
        legalHold);
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
    requireActor(actor);
    Names.requireValidName("tenant", tenant);
    recover(tenant);
    String current = keys.currentKeyId(tenant);
    int count = 0;
    for (DocumentRef ref : journal.documents(tenant)) {
      ReentrantLock mutex = locks.mutex(ref);
      mutex.lock();
      try {
        for (Map.Entry<Long, Journal.VersionState> v : liveVersions(ref).entrySet()) {
          Loaded loaded = load(ref, v.getKey(), v.getValue(), true);
          if (current.equals(loaded.kekId())) {
            loaded.wipe();
            continue;
          }
          rewrite(loaded, loaded.metadata());
          journalOn(ref, actor, JournalOperation.KEY_REWRAPPED, loaded.metadata());
          count++;
        }
      } catch (DocumentNotFoundException destroyedMeanwhile) {
        // Nothing to re-wrap.
      } finally {
        mutex.unlock();
      }
    }
    return count;
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
    requireActor(actor);
    Names.requireValidName("tenant", tenant);
    recover(tenant);
    if (!journal.replayedIntact(tenant)) {
      throw new IntegrityViolationException(
          "the journal of tenant " + tenant + " does not authenticate; keys not retired");
    }
    String current = keys.currentKeyId(tenant);
    for (DocumentRef ref : journal.documents(tenant)) {
      for (Map.Entry<Long, Journal.VersionState> v : liveVersions(ref).entrySet()) {
        Loaded loaded = load(ref, v.getKey(), v.getValue(), true);
        loaded.wipe();
        if (!current.equals(loaded.kekId())) {
          throw new SocleClientException(
              "document "
                  + Envelopes.describe(ref)
                  + " version "
                  + v.getKey()
                  + " still needs an old key-encryption key: run rewrapKeys first");
        }
      }
    }
    int retired = keys.retireKeysExcept(tenant, current);
    journal.append(tenant, actor, JournalOperation.KEYS_RETIRED, "", "", 0, "");
    return retired;
  }

  /** Closes the object store. */
  @Override
  public void close() {
    json.close();
    store.close();
  }

  @Override
  public String toString() {
    return "DocumentSafe[" + store + ", " + keys + "]";
  }

  // ---------------------------------------------------------------------------------------------

  private record Loaded(DocumentMetadata metadata, byte[] dataKey, String attempt, String kekId) {
    void wipe() {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private void recover(String tenant) {
    recovery.recover(tenant);
  }

  /**
   * Opens the plaintext of a version. Reads do not re-hash the plaintext unless configured to:
   * every 1 MiB segment is authenticated by AES-GCM under a data key that exists for this version
   * only and is bound to its metadata (digest included), and the last-segment flag and the size
   * check catch truncation, so a plaintext that decrypts is the one digested at deposit. Hashing it
   * again would cost a second pass over every byte (half the throughput of a warm read on two
   * cores) for no additional guarantee. {@link #verify} (NF Z42-020 "contrôler") always re-hashes.
   */
  private InputStream open(Loaded loaded, boolean hash) {
    DocumentMetadata m = loaded.metadata();
    StreamingAead aead;
    try {
      aead = DocumentCrypto.open(loaded.dataKey());
    } finally {
      loaded.wipe();
    }
    InputStream ciphertext;
    try {
      ciphertext = store.get(Layout.content(m.ref(), m.version(), loaded.attempt()));
    } catch (ObjectNotFoundException e) {
      throw new IntegrityViolationException(
          "ciphertext of document " + Envelopes.describe(m.ref()) + " is missing");
    }
    return VerifyingInputStream.open(
        aead,
        ciphertext,
        Envelopes.contentAad(m.ref(), m.version()),
        hash ? Hashing.digest(m.digestAlgorithm().jcaName()) : null,
        m.size(),
        m.digest(),
        "document " + Envelopes.describe(m.ref()));
  }

  private void rewrite(Loaded loaded, DocumentMetadata updated) {
    try {
      byte[] bytes = seal(updated, loaded.attempt(), loaded.dataKey());
      store.put(Layout.envelope(updated.ref(), updated.version()), bytes, WriteOptions.replace());
    } finally {
      loaded.wipe();
    }
  }

  /** The versions the journal says are live; never empty. */
  private TreeMap<Long, Journal.VersionState> liveVersions(DocumentRef ref) {
    recover(ref.tenant());
    TreeMap<Long, Journal.VersionState> live =
        journal
            .document(ref.tenant(), ref.container(), ref.id())
            .map(Journal.DocumentState::live)
            .orElseGet(TreeMap::new);
    if (live.isEmpty()) {
      throw new DocumentNotFoundException("no document " + Envelopes.describe(ref));
    }
    return live;
  }

  private Loaded loadLatest(DocumentRef ref) {
    ReentrantReadWriteLock.ReadLock read = locks.commit(ref).readLock();
    read.lock();
    try {
      Map.Entry<Long, Journal.VersionState> latest = liveVersions(ref).lastEntry();
      return load(ref, latest.getKey(), latest.getValue(), true);
    } finally {
      read.unlock();
    }
  }

  private Optional<Loaded> tryLoadLatest(DocumentRef ref) {
    try {
      return Optional.of(loadLatest(ref));
    } catch (DocumentNotFoundException destroyedMeanwhile) {
      return Optional.empty();
    }
  }

  /**
   * Loads and authenticates one version and checks it against the journal: the digest always, the
   * protection (retention date, legal hold) unless {@code checkProtection} is false (only for the
   * calls that rewrite the protection, so that re-running them repairs an interrupted call).
   */
  private Loaded load(
      DocumentRef ref, long version, Journal.VersionState journaled, boolean checkProtection) {
    StoredEnvelope e;
    try {
      e = readEnvelope(Layout.envelope(ref, version));
    } catch (ObjectNotFoundException gone) {
      throw new IntegrityViolationException(
          "version "
              + version
              + " of document "
              + Envelopes.describe(ref)
              + " is in the journal but missing from the store");
    }
    DocumentMetadata m = Envelopes.metadata(e, ref, version);
    WrappedKey wrapped = Envelopes.wrappedKey(e);
    byte[] dataKey =
        keys.unwrap(ref.tenant(), wrapped, Envelopes.keyAad(m, e.attempt(), wrapped.kekId()));
    boolean agrees =
        digestOf(m).equals(journaled.digest())
            && (!checkProtection
                || (m.retainUntil().equals(journaled.retainUntil())
                    && m.legalHold() == journaled.legalHold()));
    if (!agrees) {
      Arrays.fill(dataKey, (byte) 0);
      throw new IntegrityViolationException(
          "version "
              + version
              + " of document "
              + Envelopes.describe(ref)
              + " does not match the journal (an envelope was restored or edited)");
    }
    return new Loaded(m, dataKey, e.attempt(), wrapped.kekId());
  }

  private StoredEnvelope readEnvelope(String key) {
    try (InputStream in = store.get(key)) {
      byte[] bytes = in.readNBytes(MAX_ENVELOPE_BYTES + 1);
      if (bytes.length > MAX_ENVELOPE_BYTES) {
        throw new IntegrityViolationException("document envelope is too large");
      }
      StoredEnvelope e = json.read(bytes, StoredEnvelope.class);
      // Only the canonical encoding is accepted, so no byte of an envelope is outside the
      // authentication: an unknown or misspelt property (silently ignored by the parser, leaving a
      // default value) or any other re-encoding is refused.
      if (e == null
          || e.tenant() == null
          || e.container() == null
          || e.id() == null
          || !Arrays.equals(json.write(e), bytes)) {
        throw new IntegrityViolationException("document envelope is malformed");
      }
      return e;
    } catch (IOException ex) {
      throw new SocleClientException("cannot read a document envelope", ex);
    } catch (ObjectNotFoundException | IntegrityViolationException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw new IntegrityViolationException("document envelope is malformed");
    }
  }

  /**
   * Serializes an envelope and checks that it reads back identically before it is stored: an
   * envelope that cannot be read back would make the document unrecoverable. (A JSON-B runtime
   * without record support, e.g. Yasson in a jar lacking {@code Multi-Release: true}, writes {}.)
   */
  private byte[] encode(StoredEnvelope e) {
    byte[] bytes = json.write(e);
    StoredEnvelope back;
    try {
      back = json.read(bytes, StoredEnvelope.class);
    } catch (RuntimeException x) {
      back = null;
    }
    if (!e.equals(back)) {
      throw new SocleClientException(
          "the JSON runtime cannot round-trip the document envelope; refusing to store it");
    }
    return bytes;
  }

  /** Journals an operation on one version of a document, with that version's plaintext digest. */
  private void journalOn(
      DocumentRef ref, String actor, JournalOperation operation, DocumentMetadata version) {
    journal.append(
        ref.tenant(),
        actor,
        operation,
        ref.container(),
        ref.id(),
        version.version(),
        digestOf(version));
  }

  static String digestOf(DocumentMetadata m) {
    return m.digestAlgorithm().jcaName() + ":" + m.digest();
  }

  private static void requireActor(String actor) {
    Names.requireValidText("actor", actor, 256);
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (RuntimeException e) {
      LOG.warn("could not clean up after a failed deposit: {}", e.getClass().getSimpleName());
    }
  }

  /** Lets Tink finish its last segment without closing the writer, which would abort it. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Builds a {@link DocumentSafe}. Not thread-safe. */
  public static final class Builder {
    private ObjectStore store;
    private KeyEncryptionKeys keys;
    private Clock clock = Clock.systemUTC();
    private DigestAlgorithm digestAlgorithm = DigestAlgorithm.SHA_256;
    private RetentionMode retentionMode = RetentionMode.COMPLIANCE;
    private boolean requireObjectLock;
    private Duration recoveryGracePeriod = Duration.ofHours(1);
    private boolean digestOnRead;
    private ContentScanner contentScanner;

    private Builder() {}

    /**
     * Scans every deposit for malware while it streams, before it is published (for example with
     * {@link ClamdScanner}). Refused content raises {@link MalwareDetectedException} or {@link
     * ContentTooLargeToScanException}, an unavailable scanner {@link ScannerUnavailableException};
     * in every case nothing is stored. Default: no scanning.
     *
     * @param scanner the scanner, or null for none; not closed by the safe
     * @return this builder
     */
    public Builder contentScanner(ContentScanner scanner) {
      this.contentScanner = scanner;
      return this;
    }

    /**
     * Re-hashes the plaintext on every read and compares it with the digest recorded at deposit, on
     * top of the AES-GCM authentication of every segment. Off by default: a plaintext that decrypts
     * under the version's own data key, which is bound to the recorded digest, is the one digested
     * at deposit; {@link DocumentSafe#verify} always re-hashes. Turn it on to check the digest
     * computation itself on every read, at the cost of a second pass over every byte.
     *
     * @param on true to hash on every read
     * @return this builder
     */
    public Builder digestOnRead(boolean on) {
      this.digestOnRead = on;
      return this;
    }

    /**
     * Sets how old an interrupted deposit must be before the recovery removes it. When a safe first
     * touches a tenant it rolls back the versions that were never journaled (a crash between the
     * envelope and the journal entry, or during the upload) and removes the folders left behind;
     * younger ones may be deposits still running in another process and are left alone (they are
     * invisible anyway: only journaled versions are read).
     *
     * @param age the minimum age (default 1 hour; zero when a single process uses the store)
     * @return this builder
     */
    public Builder recoveryGracePeriod(Duration age) {
      Objects.requireNonNull(age, "age");
      if (age.isNegative()) {
        throw new IllegalArgumentException("recoveryGracePeriod must not be negative");
      }
      this.recoveryGracePeriod = age;
      return this;
    }

    /**
     * Sets where documents are stored. Required.
     *
     * @param store the store; the safe closes it
     * @return this builder
     */
    public Builder objectStore(ObjectStore store) {
      this.store = store;
      return this;
    }

    /**
     * Sets who holds the tenants' key-encryption keys. Required.
     *
     * @param keys the key holder
     * @return this builder
     */
    public Builder keyEncryptionKeys(KeyEncryptionKeys keys) {
      this.keys = keys;
      return this;
    }

    /**
     * Sets the clock used for deposit instants, retention checks and the journal.
     *
     * @param clock the clock (default UTC system clock)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the digest algorithm of new deposits.
     *
     * @param digestAlgorithm SHA-256 (default) or SHA-512
     * @return this builder
     */
    public Builder digestAlgorithm(DigestAlgorithm digestAlgorithm) {
      this.digestAlgorithm = digestAlgorithm;
      return this;
    }

    /**
     * Sets the object-lock mode used for retention dates when the store supports object lock.
     *
     * @param retentionMode COMPLIANCE (default: legal durations) or GOVERNANCE
     * @return this builder
     */
    public Builder retentionMode(RetentionMode retentionMode) {
      this.retentionMode = retentionMode;
      return this;
    }

    /**
     * Refuses to build unless the store enforces object lock itself.
     *
     * @param required true to require object lock
     * @return this builder
     */
    public Builder requireObjectLock(boolean required) {
      this.requireObjectLock = required;
      return this;
    }

    /**
     * Builds the safe, detecting the store's capabilities.
     *
     * @return the safe
     * @throws SocleClientException if object lock is required and not available
     */
    public DocumentSafe build() {
      Objects.requireNonNull(store, "objectStore");
      Objects.requireNonNull(keys, "keyEncryptionKeys");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
      Objects.requireNonNull(retentionMode, "retentionMode");
      StoreCapabilities capabilities = store.capabilities();
      if (requireObjectLock && !capabilities.objectLock()) {
        throw new SocleClientException(
            "object lock is required but the store does not enforce it: "
                + capabilities.description());
      }
      LOG.debug(
          "document safe on {} (object lock {})",
          capabilities.description(),
          capabilities.objectLock() ? "enforced" : "not available");
      return new DocumentSafe(this, capabilities.objectLock());
    }
  }
}
