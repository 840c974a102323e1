package fr.socle.storage;

import com.google.crypto.tink.StreamingAead;
import fr.socle.core.SocleClientException;
import fr.socle.core.json.Json;
import fr.socle.storage.internal.DocumentCrypto;
import fr.socle.storage.internal.Envelopes;
import fr.socle.storage.internal.Hashing;
import fr.socle.storage.internal.Journal;
import fr.socle.storage.internal.Layout;
import fr.socle.storage.internal.Names;
import fr.socle.storage.internal.PipelinedDigest;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * a digest of the metadata. Content streams through in constant memory in both directions. Every
 * call appends an entry to the tenant's hash-chained journal, in the same store. Retention dates
 * and legal holds are enforced here and, where the store supports object lock, by the store too.
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
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_ENVELOPE_BYTES = 64 * 1024;
  private static final int MAX_VERSION_ATTEMPTS = 100;

  private final ObjectStore store;
  private final KeyEncryptionKeys keys;
  private final Clock clock;
  private final DigestAlgorithm digestAlgorithm;
  private final RetentionMode retentionMode;
  private final boolean objectLock;
  private final Json json;
  private final Journal journal;
  private final Optional<ContentScanner> contentScanner;

  private DocumentSafe(Builder b, boolean objectLock) {
    this.store = b.store;
    this.keys = b.keys;
    this.clock = b.clock;
    this.digestAlgorithm = b.digestAlgorithm;
    this.retentionMode = b.retentionMode;
    this.objectLock = objectLock;
    this.json = Json.create();
    this.journal = new Journal(store, clock, json);
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
   * its end, encrypted and stored; the document becomes visible only once fully durable.
   *
   * @param request where, by whom, and the metadata
   * @param content the plaintext; read to the end, not closed
   * @return the metadata of the new version
   * @throws IntegrityViolationException if an expected digest was given and does not match
   * @throws MalwareDetectedException if the content scanner found malware (journaled)
   * @throws ContentTooLargeToScanException if the content is larger than the scanner inspects
   *     (journaled)
   * @throws ScannerUnavailableException if the content scanner gave no verdict
   * @throws SocleClientException if the content cannot be read or stored; nothing is visible then
   */
  public DocumentMetadata deposit(DepositRequest request, InputStream content) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(content, "content");
    DocumentRef ref = request.ref();
    long version = reserveVersion(ref);
    try {
      DocumentMetadata metadata = writeVersion(request, version, content);
      journal.append(
          ref.tenant(),
          request.depositor(),
          JournalOperation.DEPOSIT,
          ref.container(),
          ref.id(),
          version,
          digestOf(metadata));
      LOG.debug("deposited version {} of a document", version);
      return metadata;
    } catch (ContentRejectedException e) {
      discard(ref, version);
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
      throw e;
    } catch (RuntimeException e) {
      // Fail closed: a deposit that is not journaled must not stay visible.
      discard(ref, version);
      throw e;
    }
  }

  private void discard(DocumentRef ref, long version) {
    deleteQuietly(Layout.envelope(ref, version));
    deleteQuietly(Layout.content(ref, version));
    deleteQuietly(Layout.reserved(ref, version));
  }

  private DocumentMetadata writeVersion(DepositRequest request, long version, InputStream content) {
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
          ObjectWriter writer = store.openWriter(Layout.content(ref, version), contentOptions)) {
        try (OutputStream enc =
            dataKey
                .aead()
                .newEncryptingStream(new NonClosing(writer), Envelopes.contentAad(ref, version))) {
          byte[] buf = new byte[BUFFER];
          int n;
          while ((n = readSource(content, buf)) != -1) {
            md.update(buf, 0, n);
            scan.update(buf, 0, n);
            enc.write(buf, 0, n);
            size += n;
          }
        }
        String digest = Hashing.hex(md.digest());
        if (request.expectedDigest().isPresent()
            && !MessageDigest.isEqual(
                digest.getBytes(), request.expectedDigest().get().getBytes())) {
          throw new IntegrityViolationException(
              "deposited content does not match the expected digest");
        }
        // The verdict comes before the commit: refused content is never published.
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
        WrappedKey wrapped =
            keys.wrap(ref.tenant(), dataKey.serialized(), Envelopes.keyAad(metadata));
        // Writing the envelope is the commit point: before it, the version does not exist.
        store.put(
            Layout.envelope(ref, version),
            encode(Envelopes.toStored(metadata, wrapped)),
            WriteOptions.writeOnce());
        return metadata;
      } catch (IOException | GeneralSecurityException e) {
        throw new SocleClientException("deposit failed: the document could not be stored", e);
      }
    } finally {
      Arrays.fill(dataKey.serialized(), (byte) 0);
    }
  }

  private static int readSource(InputStream content, byte[] buf) {
    try {
      // readNBytes returns 0 only at end of stream for a non-empty buffer.
      int n = content.readNBytes(buf, 0, buf.length);
      return n == 0 ? -1 : n;
    } catch (IOException e) {
      throw new SocleClientException("deposit failed: the content could not be read", e);
    }
  }

  private long reserveVersion(DocumentRef ref) {
    String prefix = Layout.documentPrefix(ref);
    long version = 1;
    for (String key : store.list(prefix)) {
      OptionalLong v = Layout.versionOf(prefix, key);
      if (v.isPresent()) {
        version = Math.max(version, v.getAsLong() + 1);
      }
    }
    for (int attempt = 0; attempt < MAX_VERSION_ATTEMPTS; attempt++, version++) {
      try {
        store.put(Layout.reserved(ref, version), new byte[0], WriteOptions.writeOnce());
        return version;
      } catch (ObjectExistsException raced) {
        // A concurrent deposit took this version; try the next one.
      }
    }
    throw new SocleClientException("too many concurrent deposits on one document");
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
    return open(loadForRead(ref, actor));
  }

  /**
   * Opens one version of a document for reading, an older one included, with the same checks as
   * {@link #read(DocumentRef, String)}.
   *
   * @param ref the document
   * @param version the version, from 1
   * @param actor who reads (journaled with the version read)
   * @return the plaintext stream; close it
   * @throws DocumentNotFoundException if the document or this version does not exist
   * @throws IntegrityViolationException if the metadata or key cannot be authenticated
   */
  public InputStream read(DocumentRef ref, long version, String actor) {
    Objects.requireNonNull(ref, "ref");
    requireActor(actor);
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
    Loaded loaded = load(ref, version);
    try {
      journalOn(ref, actor, JournalOperation.READ, loaded.metadata());
    } catch (RuntimeException e) {
      Arrays.fill(loaded.dataKey(), (byte) 0);
      throw e;
    }
    return open(loaded);
  }

  /**
   * Journals an archiving event for {@link ArchiveTransfers}: the journal has no free-text field,
   * so tenant-wide archiving entries carry the SEDA message identifier in {@code documentId}.
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
    try (InputStream in = open(loaded)) {
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
      Arrays.fill(loaded.dataKey(), (byte) 0);
      throw e;
    }
    return loaded;
  }

  /**
   * Returns the authenticated metadata of the latest version.
   *
   * @param ref the document
   * @param actor who asks (journaled)
   * @return the metadata
   * @throws DocumentNotFoundException if absent
   * @throws IntegrityViolationException if the metadata was altered
   */
  public DocumentMetadata metadata(DocumentRef ref, String actor) {
    requireActor(actor);
    DocumentMetadata m = metadata(ref);
    journalOn(ref, actor, JournalOperation.METADATA, m);
    return m;
  }

  private DocumentMetadata metadata(DocumentRef ref) {
    Loaded loaded = loadLatest(ref);
    Arrays.fill(loaded.dataKey(), (byte) 0);
    return loaded.metadata();
  }

  /**
   * Checks every version of a document end to end: key, metadata, every ciphertext segment, size
   * and digest (NF Z42-020 "contrôler"). The outcome is journaled either way.
   *
   * @param ref the document
   * @param actor who checks
   * @return the metadata of the latest version
   * @throws IntegrityViolationException if any version fails
   * @throws DocumentNotFoundException if absent
   */
  public DocumentMetadata verify(DocumentRef ref, String actor) {
    requireActor(actor);
    List<Long> versions = versions(ref);
    DocumentMetadata latest = null;
    try {
      for (long v : versions) {
        Loaded loaded = load(ref, v);
        try (InputStream in = open(loaded)) {
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
   * the refusal journaled, before any version's retention date or under legal hold.
   *
   * @param ref the document
   * @param actor who destroys
   * @throws RetentionLockedException if retention or a legal hold forbids it
   * @throws DocumentNotFoundException if absent
   */
  public void destroy(DocumentRef ref, String actor) {
    requireActor(actor);
    List<Long> versions = versions(ref);
    Instant now = clock.instant();
    List<DocumentMetadata> all = new ArrayList<>();
    for (long v : versions) {
      Loaded loaded = load(ref, v);
      Arrays.fill(loaded.dataKey(), (byte) 0);
      all.add(loaded.metadata());
    }
    DocumentMetadata latest = all.get(all.size() - 1);
    for (DocumentMetadata m : all) {
      if (m.lockedAt(now)) {
        journalOn(ref, actor, JournalOperation.DESTROY_REFUSED, m);
        throw new RetentionLockedException(
            "document "
                + Envelopes.describe(ref)
                + (m.legalHold() ? " is under legal hold" : " is under retention"));
      }
    }
    try {
      for (DocumentMetadata m : all) {
        store.delete(Layout.content(ref, m.version()));
      }
    } catch (ObjectLockedException e) {
      journalOn(ref, actor, JournalOperation.DESTROY_REFUSED, latest);
      throw new RetentionLockedException(
          "the store refuses to delete document " + Envelopes.describe(ref) + " (object lock)");
    }
    for (DocumentMetadata m : all) {
      // The wrapped data key goes last: without it no copy of the ciphertext can be decrypted.
      store.delete(Layout.envelope(ref, m.version()));
      store.delete(Layout.reserved(ref, m.version()));
    }
    journalOn(ref, actor, JournalOperation.DESTROY, latest);
  }

  /**
   * Lists the documents of a container (latest version of each), sorted by identifier. Each entry's
   * metadata is authenticated, which costs one unwrap per document.
   *
   * @param tenant the tenant
   * @param container the container
   * @param actor who lists (journaled)
   * @return the metadata, possibly empty
   */
  public List<DocumentMetadata> list(String tenant, String container, String actor) {
    requireActor(actor);
    List<DocumentMetadata> out = new ArrayList<>();
    for (StoredEnvelope e : latestEnvelopes(tenant, container).values()) {
      DocumentRef ref = new DocumentRef(e.tenant(), e.container(), e.id());
      Loaded loaded = authenticate(e, ref, e.version());
      Arrays.fill(loaded.dataKey(), (byte) 0);
      out.add(loaded.metadata());
    }
    journal.append(tenant, actor, JournalOperation.LIST, container, "", 0, "");
    return out;
  }

  /**
   * Counts the documents of a container.
   *
   * @param tenant the tenant
   * @param container the container
   * @param actor who counts (journaled)
   * @return the number of documents
   */
  public long count(String tenant, String container, String actor) {
    requireActor(actor);
    long n = latestEnvelopes(tenant, container).size();
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
    return journal.read(tenant, fromSequence, limit);
  }

  /**
   * Checks the hash chain of a tenant's whole journal.
   *
   * @param tenant the tenant
   * @return the result, with the first broken entry if any
   */
  public JournalVerification verifyJournal(String tenant) {
    Names.requireValidName("tenant", tenant);
    return journal.verify(tenant);
  }

  /**
   * Places or releases a legal hold on every version of a document.
   *
   * @param ref the document
   * @param on true to hold, false to release
   * @param actor who decides
   * @return the metadata of the latest version
   */
  public DocumentMetadata legalHold(DocumentRef ref, boolean on, String actor) {
    requireActor(actor);
    DocumentMetadata latest = null;
    for (long v : versions(ref)) {
      Loaded loaded = load(ref, v);
      DocumentMetadata m = loaded.metadata();
      DocumentMetadata updated = withProtection(m, m.retainUntil(), on);
      rewrite(loaded, updated);
      if (objectLock) {
        store.legalHold(Layout.content(ref, v), on);
      }
      latest = updated;
    }
    journalOn(
        ref,
        actor,
        on ? JournalOperation.LEGAL_HOLD_SET : JournalOperation.LEGAL_HOLD_RELEASED,
        latest);
    return latest;
  }

  /**
   * Extends the retention of every version of a document. Retention is never shortened.
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
    List<Loaded> all = new ArrayList<>();
    for (long v : versions(ref)) {
      Loaded loaded = load(ref, v);
      if (loaded.metadata().retainUntil().map(until::isBefore).orElse(false)) {
        Arrays.fill(loaded.dataKey(), (byte) 0);
        throw new RetentionLockedException("retention can only be extended, never shortened");
      }
      all.add(loaded);
    }
    DocumentMetadata latest = null;
    for (Loaded loaded : all) {
      DocumentMetadata m = loaded.metadata();
      DocumentMetadata updated = withProtection(m, Optional.of(until), m.legalHold());
      rewrite(loaded, updated);
      if (objectLock) {
        store.extendRetention(Layout.content(ref, m.version()), until, retentionMode);
      }
      latest = updated;
    }
    journalOn(ref, actor, JournalOperation.RETENTION_EXTENDED, latest);
    return latest;
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
   * rotating the key-encryption key, then retire the old key.
   *
   * @param tenant the tenant
   * @param actor who rotates (journaled, one entry per document)
   * @return how many data keys were re-wrapped
   */
  public int rewrapKeys(String tenant, String actor) {
    requireActor(actor);
    Names.requireValidName("tenant", tenant);
    String current = keys.currentKeyId(tenant);
    int count = 0;
    for (String key : store.list(Layout.tenantPrefix(tenant) + "c/")) {
      if (!key.endsWith(Layout.KEY_SUFFIX)) {
        continue;
      }
      StoredEnvelope e = readEnvelope(key);
      DocumentRef ref = envelopeRef(e, key);
      if (current.equals(e.kekId())) {
        continue;
      }
      Loaded loaded = authenticate(e, ref, e.version());
      rewrite(loaded, loaded.metadata());
      journal.append(
          tenant,
          actor,
          JournalOperation.KEY_REWRAPPED,
          ref.container(),
          ref.id(),
          e.version(),
          digestOf(loaded.metadata()));
      count++;
    }
    return count;
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

  private record Loaded(DocumentMetadata metadata, byte[] dataKey) {}

  private InputStream open(Loaded loaded) {
    DocumentMetadata m = loaded.metadata();
    StreamingAead aead;
    try {
      aead = DocumentCrypto.open(loaded.dataKey());
    } finally {
      Arrays.fill(loaded.dataKey(), (byte) 0);
    }
    InputStream ciphertext;
    try {
      ciphertext = store.get(Layout.content(m.ref(), m.version()));
    } catch (ObjectNotFoundException e) {
      throw new IntegrityViolationException(
          "ciphertext of document " + Envelopes.describe(m.ref()) + " is missing");
    }
    return VerifyingInputStream.open(
        aead,
        ciphertext,
        Envelopes.contentAad(m.ref(), m.version()),
        Hashing.digest(m.digestAlgorithm().jcaName()),
        m.size(),
        m.digest(),
        "document " + Envelopes.describe(m.ref()));
  }

  private void rewrite(Loaded loaded, DocumentMetadata updated) {
    try {
      WrappedKey wrapped =
          keys.wrap(updated.ref().tenant(), loaded.dataKey(), Envelopes.keyAad(updated));
      store.put(
          Layout.envelope(updated.ref(), updated.version()),
          encode(Envelopes.toStored(updated, wrapped)),
          WriteOptions.replace());
    } finally {
      Arrays.fill(loaded.dataKey(), (byte) 0);
    }
  }

  private List<Long> versions(DocumentRef ref) {
    String prefix = Layout.documentPrefix(ref);
    TreeSet<Long> versions = new TreeSet<>();
    for (String key : store.list(prefix)) {
      if (key.endsWith(Layout.KEY_SUFFIX)) {
        Layout.versionOf(prefix, key).ifPresent(versions::add);
      }
    }
    if (versions.isEmpty()) {
      throw new DocumentNotFoundException("no document " + Envelopes.describe(ref));
    }
    return new ArrayList<>(versions);
  }

  private Loaded loadLatest(DocumentRef ref) {
    List<Long> versions = versions(ref);
    return load(ref, versions.get(versions.size() - 1));
  }

  private Loaded load(DocumentRef ref, long version) {
    StoredEnvelope e;
    try {
      e = readEnvelope(Layout.envelope(ref, version));
    } catch (ObjectNotFoundException gone) {
      throw new DocumentNotFoundException("no document " + Envelopes.describe(ref));
    }
    return authenticate(e, ref, version);
  }

  private Loaded authenticate(StoredEnvelope e, DocumentRef ref, long version) {
    DocumentMetadata m = Envelopes.metadata(e, ref, version);
    byte[] dataKey = keys.unwrap(ref.tenant(), Envelopes.wrappedKey(e), Envelopes.keyAad(m));
    return new Loaded(m, dataKey);
  }

  private StoredEnvelope readEnvelope(String key) {
    try (InputStream in = store.get(key)) {
      byte[] bytes = in.readNBytes(MAX_ENVELOPE_BYTES + 1);
      if (bytes.length > MAX_ENVELOPE_BYTES) {
        throw new IntegrityViolationException("document envelope is too large");
      }
      StoredEnvelope e = json.read(bytes, StoredEnvelope.class);
      if (e == null || e.tenant() == null || e.container() == null || e.id() == null) {
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

  private static DocumentRef envelopeRef(StoredEnvelope e, String key) {
    try {
      DocumentRef ref = new DocumentRef(e.tenant(), e.container(), e.id());
      if (!key.equals(Layout.envelope(ref, e.version()))) {
        throw new IntegrityViolationException("a document envelope is stored in the wrong place");
      }
      return ref;
    } catch (IllegalArgumentException | NullPointerException x) {
      throw new IntegrityViolationException("document envelope is malformed");
    }
  }

  private TreeMap<String, StoredEnvelope> latestEnvelopes(String tenant, String container) {
    String prefix = Layout.containerPrefix(tenant, container);
    TreeMap<String, String> latestKeyById = new TreeMap<>();
    for (String key : store.list(prefix)) {
      if (key.endsWith(Layout.KEY_SUFFIX)) {
        String idSegment = key.substring(prefix.length(), key.indexOf('/', prefix.length()));
        // Keys are sorted and versions zero-padded: the last one seen is the latest.
        latestKeyById.put(idSegment, key);
      }
    }
    TreeMap<String, StoredEnvelope> out = new TreeMap<>();
    for (String key : latestKeyById.values()) {
      StoredEnvelope e = readEnvelope(key);
      DocumentRef ref = envelopeRef(e, key);
      out.put(ref.id(), e);
    }
    return out;
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

  private static String digestOf(DocumentMetadata m) {
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
