package fr.socle.storage.internal;

import fr.socle.core.json.Json;
import fr.socle.storage.JournalEntry;
import fr.socle.storage.JournalOperation;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored form of journal entries: their JSON encoding, with size and shape checks on the way
 * in, and the hash that chains and authenticates them ({@code socle-storage/journal/v2}, every
 * field and the previous entry's hash, tenant included so that an entry copied into another
 * tenant's journal does not authenticate).
 *
 * <p>Thread-safe.
 */
final class JournalCodec {
  static final int MAX_ENTRY_BYTES = 64 * 1024;

  private final Json json;

  JournalCodec(Json json) {
    this.json = json;
  }

  /** Encodes an entry, refusing a JSON runtime that would not read it back identically. */
  byte[] encode(StoredEntry stored) {
    byte[] bytes = json.write(stored);
    if (!stored.equals(parse(bytes))) {
      return null;
    }
    return bytes;
  }

  boolean authentic(String tenant, StoredEntry e) {
    try {
      return e.hash()
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
                  e.retainUntil(),
                  e.legalHold(),
                  e.previousHash()));
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /** Parses an entry; null if it is oversized, malformed or lacks a field. */
  StoredEntry parse(byte[] bytes) {
    if (bytes.length > MAX_ENTRY_BYTES) {
      return null;
    }
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

  static String hash(
      String tenant,
      long sequence,
      String instant,
      String actor,
      String operation,
      String container,
      String documentId,
      long version,
      String digest,
      String retainUntil,
      boolean legalHold,
      String previousHash) {
    return Hashing.hex(
        Hashing.sha256(
            Hashing.canonical(
                "socle-storage/journal/v2",
                tenant,
                Long.toString(sequence),
                instant,
                actor,
                operation,
                container,
                documentId,
                Long.toString(version),
                digest,
                retainUntil,
                Boolean.toString(legalHold),
                previousHash)));
  }

  static StoredEntry toStored(JournalEntry e) {
    return new StoredEntry(
        e.sequence(),
        e.instant().toString(),
        e.actor(),
        e.operation().name(),
        e.container(),
        e.documentId(),
        e.version(),
        e.digest(),
        e.retainUntil().map(Instant::toString).orElse(null),
        e.legalHold(),
        e.previousHash(),
        e.hash());
  }

  /** The entry, or null if a field does not parse. */
  static JournalEntry fromStored(StoredEntry e) {
    try {
      return new JournalEntry(
          e.sequence(),
          Instant.parse(e.instant()),
          e.actor(),
          JournalOperation.valueOf(e.operation()),
          e.container(),
          e.documentId(),
          e.version(),
          e.digest(),
          Optional.ofNullable(e.retainUntil()).map(Instant::parse),
          e.legalHold(),
          e.previousHash(),
          e.hash());
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
