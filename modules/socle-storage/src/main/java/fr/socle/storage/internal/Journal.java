package fr.socle.storage.internal;

import fr.socle.core.json.Json;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.JournalEntry;
import fr.socle.storage.JournalOperation;
import fr.socle.storage.JournalVerification;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's append-only, hash-chained journal, one write-once object per entry in the same store
 * as the documents. Appends are serialized per tenant inside the process and made safe across
 * processes by the store's write-once semantics: a lost race re-reads the tail and retries.
 */
public final class Journal {
  /** Hash that precedes the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final int MAX_ATTEMPTS = 20;
  private static final int MAX_ENTRY_BYTES = 64 * 1024;

  private final ObjectStore store;
  private final Clock clock;
  private final Json json;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, Tail> tails = new ConcurrentHashMap<>();

  private record Tail(long sequence, String hash) {}

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
    this.json = json;
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
    synchronized (locks.computeIfAbsent(tenant, t -> new Object())) {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Tail tail = tails.computeIfAbsent(tenant, this::loadTail);
        long sequence = tail.sequence() + 1;
        Instant now = clock.instant();
        String hash =
            hash(
                tenant,
                sequence,
                now.toString(),
                actor,
                operation.name(),
                container,
                documentId,
                version,
                digest,
                tail.hash());
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
                tail.hash(),
                hash);
        StoredEntry stored = toStored(entry);
        byte[] bytes = json.write(stored);
        if (!stored.equals(parse(bytes))) {
          throw new fr.socle.core.SocleClientException(
              "the JSON runtime cannot round-trip a journal entry; refusing to store it");
        }
        try {
          store.put(Layout.journalEntry(tenant, sequence), bytes, WriteOptions.writeOnce());
          tails.put(tenant, new Tail(sequence, hash));
          return entry;
        } catch (ObjectExistsException raced) {
          // Another node appended first: reload the tail and chain after its entry.
          tails.remove(tenant);
        }
      }
      throw new fr.socle.core.SocleClientException("journal append kept racing; giving up");
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
      if (stored == null) {
        throw new IntegrityViolationException("journal entry " + seq.getAsLong() + " is malformed");
      }
      out.add(fromStored(stored));
    }
    return out;
  }

  /**
   * Checks the whole chain.
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
      if (e == null || e.sequence() != expected || !previous.equals(e.previousHash())) {
        return new JournalVerification(checked, OptionalLong.of(expected), previous);
      }
      String recomputed;
      try {
        recomputed =
            hash(
                tenant,
                e.sequence(),
                e.instant(),
                e.actor(),
                e.operation(),
                e.container(),
                e.documentId(),
                e.version(),
                e.digest(),
                e.previousHash());
      } catch (RuntimeException malformed) {
        return new JournalVerification(checked, OptionalLong.of(expected), previous);
      }
      if (!recomputed.equals(e.hash())) {
        return new JournalVerification(checked, OptionalLong.of(expected), previous);
      }
      previous = e.hash();
      expected++;
    }
    return new JournalVerification(checked, OptionalLong.empty(), previous);
  }

  private Tail loadTail(String tenant) {
    String prefix = Layout.journalPrefix(tenant);
    List<String> keys = store.list(prefix);
    if (keys.isEmpty()) {
      return new Tail(0, GENESIS);
    }
    String last = keys.get(keys.size() - 1);
    StoredEntry e = load(last);
    OptionalLong seq = sequenceOf(prefix, last);
    if (e == null
        || seq.isEmpty()
        || seq.getAsLong() != e.sequence()
        || !e.hash()
            .equals(
                hash(
                    tenant,
                    e.sequence(),
                    e.instant(),
                    e.actor(),
                    e.operation(),
                    e.container(),
                    e.documentId(),
                    e.version(),
                    e.digest(),
                    e.previousHash()))) {
      // Fail closed: never chain new entries after a tail that does not authenticate.
      throw new IntegrityViolationException(
          "last journal entry of tenant " + tenant + " is broken");
    }
    return new Tail(e.sequence(), e.hash());
  }

  private StoredEntry load(String key) {
    try (InputStream in = store.get(key)) {
      byte[] bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
      if (bytes.length > MAX_ENTRY_BYTES) {
        return null;
      }
      return parse(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private StoredEntry parse(byte[] bytes) {
    try {
      StoredEntry e = json.read(bytes, StoredEntry.class);
      if (e == null
          || e.instant() == null
          || e.actor() == null
          || e.operation() == null
          || e.container() == null
          || e.documentId() == null
          || e.digest() == null
          || e.previousHash() == null
          || e.hash() == null) {
        return null;
      }
      return e;
    } catch (RuntimeException e) {
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

  private static String hash(
      String tenant,
      long sequence,
      String instant,
      String actor,
      String operation,
      String container,
      String documentId,
      long version,
      String digest,
      String previousHash) {
    return Hashing.hex(
        Hashing.sha256(
            Hashing.canonical(
                "socle-storage/journal/v1",
                tenant,
                Long.toString(sequence),
                instant,
                actor,
                operation,
                container,
                documentId,
                Long.toString(version),
                digest,
                previousHash)));
  }

  private static StoredEntry toStored(JournalEntry e) {
    return new StoredEntry(
        e.sequence(),
        e.instant().toString(),
        e.actor(),
        e.operation().name(),
        e.container(),
        e.documentId(),
        e.version(),
        e.digest(),
        e.previousHash(),
        e.hash());
  }

  private static JournalEntry fromStored(StoredEntry e) {
    return new JournalEntry(
        e.sequence(),
        Instant.parse(e.instant()),
        e.actor(),
        JournalOperation.valueOf(e.operation()),
        e.container(),
        e.documentId(),
        e.version(),
        e.digest(),
        e.previousHash(),
        e.hash());
  }
}
