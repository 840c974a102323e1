package fr.socle.storage.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an object is written.
 *
 * @param createOnly fail with {@link ObjectExistsException} if the key already exists (write-once)
 * @param retainUntil object-lock retention date to apply, if the store supports object lock
 * @param retentionMode mode of {@code retainUntil}
 * @param legalHold object-lock legal hold to apply, if the store supports object lock
 */
public record WriteOptions(
    boolean createOnly,
    Optional<Instant> retainUntil,
    RetentionMode retentionMode,
    boolean legalHold) {

  /**
   * Validates the fields.
   *
   * @param createOnly fail with {@link ObjectExistsException} if the key already exists
   *     (write-once)
   * @param retainUntil object-lock retention date to apply, if the store supports object lock
   * @param retentionMode mode of {@code retainUntil}
   * @param legalHold object-lock legal hold to apply, if the store supports object lock
   */
  public WriteOptions {
    Objects.requireNonNull(retainUntil, "retainUntil");
    Objects.requireNonNull(retentionMode, "retentionMode");
  }

  /**
   * Write-once, no lock.
   *
   * @return options that refuse to replace an existing object
   */
  public static WriteOptions writeOnce() {
    return new WriteOptions(true, Optional.empty(), RetentionMode.GOVERNANCE, false);
  }

  /**
   * Replace if present, no lock.
   *
   * @return options that replace an existing object atomically
   */
  public static WriteOptions replace() {
    return new WriteOptions(false, Optional.empty(), RetentionMode.GOVERNANCE, false);
  }
}
