package fr.socle.storage.internal;

/**
 * The persisted form of a journal entry.
 *
 * @param sequence position from 1
 * @param instant ISO-8601 instant
 * @param actor who
 * @param operation {@link fr.socle.storage.JournalOperation} name
 * @param container container or empty
 * @param documentId document or empty
 * @param version version or 0
 * @param digest {@code algorithm:hex} or empty
 * @param retainUntil ISO-8601 instant or null
 * @param legalHold legal hold after the operation
 * @param previousHash hash of the previous entry
 * @param hash hash of this entry
 */
public record StoredEntry(
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
    String previousHash,
    String hash) {}
