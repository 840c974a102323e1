package fr.socle.storage.internal;

/**
 * The persisted form of a journal entry.
 *
 * @param sequence sequence
 * @param instant ISO-8601 instant
 * @param actor actor
 * @param operation operation name
 * @param container container or empty
 * @param documentId document or empty
 * @param version version or 0
 * @param digest digest or empty
 * @param previousHash previous entry's hash
 * @param hash this entry's hash
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
    String previousHash,
    String hash) {}
