package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import fr.socle.core.json.Json;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.JournalEntry;
import fr.socle.storage.JournalOperation;
import fr.socle.storage.JournalVerification;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's append-only, hash-chained journal, one write-once object per entry in the same store
 * as the documents, plus a head object ({@code sequence hash} of the last entry) rewritten after
 * each append. Appends are serialized per tenant inside the process and made safe across processes
 * by the store's write-once semantics: a lost race catches up and retries.
 *
 * <p>The journal is also the record of what exists: the tenant's entries are replayed once per
 * process (then followed as they are appended) into a {@link JournalState}, which the safe checks
 * every envelope against. The next sequence number is the highest of the last stored entry and the
 * head, so truncating the tail of the journal never makes a later append reuse a sequence number
 * (the gap stays visible to {@link #verify}). Truncating the tail <em>and</em> rolling the head
 * back is not detectable without a copy of the head kept elsewhere.
 */
public final class Journal {
  /** Hash that precedes the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final int MAX_ATTEMPTS = 20;

  private final ObjectStore store;
  private final Clock clock;
  private final JournalCodec codec;
  private final Map<String, JournalState> tenants = new ConcurrentHashMap<>();

  /**
   * Digest and protection of one live version, as last journaled.
   *
   * @param digest {@code algorithm:hex}
   * @param retainUntil retention date
   * @param legalHold legal hold
   */
  public record VersionState(String digest, Optional<Instant> retainUntil, boolean legalHold) {}

  /** What the journal says about one document. */
  public static final class DocumentState {
    long highestVersion;
    final TreeMap<Long, VersionState> live = new TreeMap<>();

    /**
     * The highest version ever deposited, rolled back or refused by the content scanner, destroyed
     * ones included.
     *
     * @return the version, 0 if none
     */
    public long highestVersion() {
      return highestVersion;
    }

    /**
     * The versions deposited and neither destroyed nor rolled back.
     *
     * @return version to state, ascending
     */
    public TreeMap<Long, VersionState> live() {
      return new TreeMap<>(live);
    }

    DocumentState copy() {
      DocumentState c = new DocumentState();
      c.highestVersion = highestVersion;
      c.live.putAll(live);
      return c;
    }
  }

  /**
   * Creates the journal.
   *
   * @param store the store
   * @param clock the clock
   * @param json JSON facade
   */
  public Journal(ObjectStore store, Clock clock, Json json) {
    this.store = store;
    this.clock = clock;
    this.codec = new JournalCodec(json);
  }

  /**
   * Appends an entry that carries no protection.
   *
   * @param tenant the tenant
   * @param actor who
   * @param operation what
   * @param container container or empty
   * @param documentId document or empty
   * @param version version or 0
   * @param digest digest or empty
   * @return the entry written
   */
  public JournalEntry append(
      String tenant,
      String actor,
      JournalOperation operation,
      String container,
      String documentId,
      long version,
      String digest) {
    return append(
        tenant, actor, operation, container, documentId, version, digest, Optional.empty(), false);
  }

  /**
   * Appends an entry.
   *
   * @param tenant the tenant
   * @param actor who
   * @param operation what
   * @param container container or empty
   * @param documentId document or empty
   * @param version version or 0
   * @param digest digest or empty
   * @param retainUntil protection after the operation
   * @param legalHold protection after the operation
   * @return the entry written
   */
  public JournalEntry append(
      String tenant,
      String actor,
      JournalOperation operation,
      String container,
      String documentId,
      long version,
      String digest,
      Optional<Instant> retainUntil,
      boolean legalHold) {
    JournalState state = state(tenant);
    synchronized (state) {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        catchUp(tenant, state);
        if (state.tailBroken) {
          // Fail closed: never chain new entries after a tail that does not authenticate.
          throw new IntegrityViolationException(
              "last journal entry of tenant " + tenant + " is broken");
        }
        long sequence = state.sequence + 1;
        Instant now = clock.instant();
        String until = retainUntil.map(Instant::toString).orElse(null);
        String hash =
            JournalCodec.hash(
                tenant,
                sequence,
                now.toString(),
                actor,
                operation.name(),
                container,
                documentId,
                version,
                digest,
                until,
                legalHold,
                state.hash);
        JournalEntry entry =
            new JournalEntry(
                sequence,
                now,
                actor,
                operation,
                container,
                documentId,
                version,
                digest,
                retainUntil,
                legalHold,
                state.hash,
                hash);
        byte[] bytes = codec.encode(JournalCodec.toStored(entry));
        if (bytes == null) {
          throw new SocleClientException(
              "the JSON runtime cannot round-trip a journal entry; refusing to store it");
        }
        try {
          store.put(Layout.journalEntry(tenant, sequence), bytes, WriteOptions.writeOnce());
        } catch (ObjectExistsException raced) {
          // Another node appended first: catch up and chain after its entry.
          continue;
        }
        state.sequence = sequence;
        state.hash = hash;
        state.apply(entry);
        writeHead(tenant, sequence, hash);
        return entry;
      }
      throw new SocleClientException("journal append kept racing; giving up");
    }
  }

  /**
   * What the journal says about a document, entries appended by other processes included.
   *
   * @param tenant the tenant
   * @param container the container
   * @param id the identifier
   * @return the state, empty if the journal never mentioned a deposit of it
   */
  public Optional<DocumentState> document(String tenant, String container, String id) {
    JournalState state = state(tenant);
    synchronized (state) {
      catchUp(tenant, state);
      return state.document(container, id);
    }
  }

  /**
   * Identifiers of a container's documents that have a live version, sorted.
   *
   * @param tenant the tenant
   * @param container the container
   * @return the identifiers
   */
  public List<String> documentIds(String tenant, String container) {
    JournalState state = state(tenant);
    synchronized (state) {
      catchUp(tenant, state);
      return state.documentIds(container);
    }
  }

  /**
   * Every document of a tenant that has a live version.
   *
   * @param tenant the tenant
   * @return the documents
   */
  public List<DocumentRef> documents(String tenant) {
    JournalState state = state(tenant);
    synchronized (state) {
      catchUp(tenant, state);
      return state.liveDocuments().stream().map(p -> new DocumentRef(tenant, p[0], p[1])).toList();
    }
  }

  /**
   * Tells whether every entry replayed so far authenticated and chained.
   *
   * @param tenant the tenant
   * @return false if an entry is broken or missing
   */
  public boolean replayedIntact(String tenant) {
    JournalState state = state(tenant);
    synchronized (state) {
      return !state.broken && !state.tailBroken;
    }
  }

  /**
   * Reads entries in order.
   *
   * @param tenant the tenant
   * @param fromSequence first sequence wanted
   * @param limit maximum number of entries
   * @return the entries
   */
  public List<JournalEntry> read(String tenant, long fromSequence, int limit) {
    List<JournalEntry> out = new ArrayList<>();
    String prefix = Layout.journalPrefix(tenant);
    for (String key : store.list(prefix)) {
      OptionalLong seq = sequenceOf(prefix, key);
      if (seq.isEmpty() || seq.getAsLong() < fromSequence) {
        continue;
      }
      if (out.size() >= limit) {
        break;
      }
      StoredEntry stored = load(key);
      JournalEntry entry = stored == null ? null : JournalCodec.fromStored(stored);
      if (entry == null) {
        throw new IntegrityViolationException("journal entry " + seq.getAsLong() + " is malformed");
      }
      out.add(entry);
    }
    return out;
  }

  /**
   * Checks the whole chain, and that it reaches the head.
   *
   * @param tenant the tenant
   * @return the result, naming the first broken entry
   */
  public JournalVerification verify(String tenant) {
    String prefix = Layout.journalPrefix(tenant);
    String previous = GENESIS;
    long expected = 1;
    long checked = 0;
    for (String key : store.list(prefix)) {
      OptionalLong seq = sequenceOf(prefix, key);
      if (seq.isEmpty() || seq.getAsLong() != expected) {
        return new JournalVerification(checked, OptionalLong.of(expected), previous);
      }
      StoredEntry e = load(key);
      checked++;
      if (e == null
          || e.sequence() != expected
          || !previous.equals(e.previousHash())
          || !codec.authentic(tenant, e)) {
        return new JournalVerification(checked, OptionalLong.of(expected), previous);
      }
      previous = e.hash();
      expected++;
    }
    Optional<Head> head = readHead(tenant);
    if (head.isPresent() && head.get().sequence() >= expected) {
      // The head names an entry that is no longer stored: the tail was truncated.
      return new JournalVerification(checked, OptionalLong.of(expected), previous);
    }
    return new JournalVerification(checked, OptionalLong.empty(), previous);
  }

  private JournalState state(String tenant) {
    JournalState state = tenants.computeIfAbsent(tenant, t -> new JournalState());
    synchronized (state) {
      if (!state.loaded) {
        replay(tenant, state);
        state.loaded = true;
      }
    }
    return state;
  }

  /** Replays every stored entry once, then takes the head into account. */
  private void replay(String tenant, JournalState state) {
    String prefix = Layout.journalPrefix(tenant);
    List<String> keys = store.list(prefix);
    String lastKey = keys.isEmpty() ? null : keys.get(keys.size() - 1);
    for (String key : keys) {
      OptionalLong seq = sequenceOf(prefix, key);
      StoredEntry e = load(key);
      JournalEntry entry =
          e == null
                  || seq.isEmpty()
                  || seq.getAsLong() != e.sequence()
                  || !codec.authentic(tenant, e)
              ? null
              : JournalCodec.fromStored(e);
      if (entry == null) {
        state.broken = true;
        if (key.equals(lastKey)) {
          state.tailBroken = true;
        }
        continue;
      }
      if (entry.sequence() != state.sequence + 1 || !entry.previousHash().equals(state.hash)) {
        state.broken = true;
      }
      state.apply(entry);
      state.sequence = entry.sequence();
      state.hash = entry.hash();
    }
    long lastStored = lastKey == null ? 0 : sequenceOf(prefix, lastKey).orElse(Long.MAX_VALUE);
    readHead(tenant)
        .ifPresent(
            head -> {
              if (head.sequence() > lastStored) {
                // Entries after the last stored one were removed: never reuse their numbers.
                state.broken = true;
                state.tailBroken = false;
                state.sequence = head.sequence();
                state.hash = head.hash();
              }
            });
  }

  /** Applies the entries other processes appended since this one last looked. */
  private void catchUp(String tenant, JournalState state) {
    while (true) {
      String key = Layout.journalEntry(tenant, state.sequence + 1);
      StoredEntry e;
      try (InputStream in = store.get(key)) {
        e = codec.parse(in.readNBytes(JournalCodec.MAX_ENTRY_BYTES + 1));
      } catch (ObjectNotFoundException absent) {
        return;
      } catch (IOException x) {
        throw new SocleClientException("cannot read the journal", x);
      }
      JournalEntry entry =
          e == null
                  || e.sequence() != state.sequence + 1
                  || !state.hash.equals(e.previousHash())
                  || !codec.authentic(tenant, e)
              ? null
              : JournalCodec.fromStored(e);
      if (entry == null) {
        state.broken = true;
        state.tailBroken = true;
        state.sequence++;
        return;
      }
      state.apply(entry);
      state.sequence = entry.sequence();
      state.hash = entry.hash();
    }
  }

  private record Head(long sequence, String hash) {}

  private void writeHead(String tenant, long sequence, String hash) {
    store.put(
        Layout.journalHead(tenant),
        (sequence + " " + hash).getBytes(StandardCharsets.US_ASCII),
        // A head lost in a crash is only behind the entries, which are durable: no flush needed.
        WriteOptions.replace().withDurable(false));
  }

  private Optional<Head> readHead(String tenant) {
    try (InputStream in = store.get(Layout.journalHead(tenant))) {
      String[] parts = new String(in.readNBytes(200), StandardCharsets.US_ASCII).split(" ");
      if (parts.length != 2 || !parts[1].matches("[0-9a-f]{64}")) {
        return Optional.empty();
      }
      return Optional.of(new Head(Long.parseLong(parts[0]), parts[1]));
    } catch (ObjectNotFoundException | NumberFormatException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SocleClientException("cannot read the journal head", e);
    }
  }

  private StoredEntry load(String key) {
    try (InputStream in = store.get(key)) {
      return codec.parse(in.readNBytes(JournalCodec.MAX_ENTRY_BYTES + 1));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static OptionalLong sequenceOf(String prefix, String key) {
    try {
      return OptionalLong.of(Long.parseLong(key.substring(prefix.length())));
    } catch (RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
