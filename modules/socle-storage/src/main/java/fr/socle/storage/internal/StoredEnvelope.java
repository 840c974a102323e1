package fr.socle.storage.internal;

/**
 * The persisted form of a version's envelope: its metadata and its wrapped data key. JSON through
 * socle-core's {@code Json}. Nullable fields are absent from the JSON.
 *
 * @param format envelope format, 2
 * @param tenant the tenant
 * @param container the container
 * @param id the document identifier
 * @param version the version
 * @param size plaintext size
 * @param digestAlgorithm JCA name
 * @param digest hex digest
 * @param depositor depositor
 * @param depositedAt ISO-8601 instant
 * @param contentType media type
 * @param originalFilename original filename or null
 * @param retainUntil ISO-8601 instant or null
 * @param legalHold legal hold
 * @param attempt the deposit attempt whose ciphertext this version uses
 * @param kekId key-encryption key identifier
 * @param wrappedKey base64 of the wrapped data key
 */
public record StoredEnvelope(
    int format,
    String tenant,
    String container,
    String id,
    long version,
    long size,
    String digestAlgorithm,
    String digest,
    String depositor,
    String depositedAt,
    String contentType,
    String originalFilename,
    String retainUntil,
    boolean legalHold,
    String attempt,
    String kekId,
    String wrappedKey) {}
