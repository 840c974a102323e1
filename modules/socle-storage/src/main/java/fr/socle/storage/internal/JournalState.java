package fr.socle.storage.internal;

import fr.socle.storage.JournalEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a tenant's journal says about its documents, replayed entry by entry: for each document the
 * highest version ever deposited and, for each live version, the digest and the protection
 * (retention date, legal hold) last journaled. Envelopes are checked against it, so restoring an
 * older envelope (a legal hold removed, a retention shortened) or deleting the latest version is
 * detected. Not thread-safe: {@link Journal} guards it with the tenant's lock.
 */
final class JournalState {
  boolean loaded;
  long sequence;
  String hash = Journal.GENESIS;

  /** Set when an entry failed authentication or the chain has a gap. */
  boolean broken;

  /** Set when the last stored entry does not authenticate: nothing may be chained after it. */
  boolean tailBroken;

  private final Map<String, Journal.DocumentState> documents = new HashMap<>();

  static String key(String container, String id) {
    // Names hold no control characters, so NUL cannot be part of either.
    return container + '\0' + id;
  }

  Optional<Journal.DocumentState> document(String container, String id) {
    Journal.DocumentState d = documents.get(key(container, id));
    return d == null ? Optional.empty() : Optional.of(d.copy());
  }

  /** Identifiers of the documents of a container that have a live version, sorted. */
  java.util.List<String> documentIds(String container) {
    String prefix = container + '\0';
    return documents.entrySet().stream()
        .filter(d -> d.getKey().startsWith(prefix) && !d.getValue().live.isEmpty())
        .map(d -> d.getKey().substring(prefix.length()))
        .sorted()
        .toList();
  }

  /** Container and identifier of every document that has a live version. */
  java.util.List<String[]> liveDocuments() {
    return documents.entrySet().stream()
        .filter(d -> !d.getValue().live.isEmpty())
        .map(d -> d.getKey().split("\0", 2))
        .toList();
  }

  void apply(JournalEntry e) {
    if (e.documentId().isEmpty()) {
      return;
    }
    String k = key(e.container(), e.documentId());
    switch (e.operation()) {
      case DEPOSIT -> {
        Journal.DocumentState d = documents.computeIfAbsent(k, x -> new Journal.DocumentState());
        d.highestVersion = Math.max(d.highestVersion, e.version());
        d.live.put(
            e.version(), new Journal.VersionState(e.digest(), e.retainUntil(), e.legalHold()));
      }
      case CONTENT_REFUSED -> {
        // A refused deposit consumes its version number like a rolled-back one, so it is never
        // reused; it never was live, so no live version is touched.
        Journal.DocumentState d = documents.computeIfAbsent(k, x -> new Journal.DocumentState());
        d.highestVersion = Math.max(d.highestVersion, e.version());
      }
      case DEPOSIT_ROLLED_BACK -> {
        Journal.DocumentState d = documents.computeIfAbsent(k, x -> new Journal.DocumentState());
        d.highestVersion = Math.max(d.highestVersion, e.version());
        d.live.remove(e.version());
      }
      case DESTROY -> {
        Journal.DocumentState d = documents.get(k);
        if (d != null) {
          d.live.clear();
        }
      }
      case LEGAL_HOLD_SET, LEGAL_HOLD_RELEASED, RETENTION_EXTENDED -> {
        Journal.DocumentState d = documents.get(k);
        if (d == null) {
          return;
        }
        boolean hold = e.operation() == fr.socle.storage.JournalOperation.LEGAL_HOLD_SET;
        for (Map.Entry<Long, Journal.VersionState> v :
            new TreeMap<>(d.live.headMap(e.version(), true)).entrySet()) {
          Journal.VersionState s = v.getValue();
          Optional<Instant> until =
              e.operation() == fr.socle.storage.JournalOperation.RETENTION_EXTENDED
                  ? e.retainUntil()
                  : s.retainUntil();
          boolean held =
              e.operation() == fr.socle.storage.JournalOperation.RETENTION_EXTENDED
                  ? s.legalHold()
                  : hold;
          d.live.put(v.getKey(), new Journal.VersionState(s.digest(), until, held));
        }
      }
      default -> {
        // Reads, checks, listings and re-wraps change nothing the journal must remember.
      }
    }
  }
}
