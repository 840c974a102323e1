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
 * @param durable whether the object must survive a crash of the machine once the write returns
 *     (fsync on a filesystem); false only for hints the safe can lose without harm (the journal
 *     head and version reservations), to spare a disk flush per call
 */
public record WriteOptions(
    boolean createOnly,
    Optional<Instant> retainUntil,
    RetentionMode retentionMode,
    boolean legalHold,
    boolean durable) {

  /**
   * Validates the fields.
   *
   * @param createOnly fail with {@link ObjectExistsException} if the key already exists
   *     (write-once)
   * @param retainUntil object-lock retention date to apply, if the store supports object lock
   * @param retentionMode mode of {@code retainUntil}
   * @param legalHold object-lock legal hold to apply, if the store supports object lock
   * @param durable whether the object must survive a crash of the machine once the write returns
   *     (fsync on a filesystem); false only for hints the safe can lose without harm (the journal
   *     head and version reservations), to spare a disk flush per call
   */
  public WriteOptions {
    Objects.requireNonNull(retainUntil, "retainUntil");
    Objects.requireNonNull(retentionMode, "retentionMode");
  }

  /**
   * Durable options.
   *
   * @param createOnly fail if the key exists
   * @param retainUntil object-lock retention date
   * @param retentionMode mode of {@code retainUntil}
   * @param legalHold object-lock legal hold
   */
  public WriteOptions(
      boolean createOnly,
      Optional<Instant> retainUntil,
      RetentionMode retentionMode,
      boolean legalHold) {
    this(createOnly, retainUntil, retentionMode, legalHold, true);
  }

  /**
   * The same options, durable or not.
   *
   * @param durable whether the write must survive a crash of the machine
   * @return the options
   */
  public WriteOptions withDurable(boolean durable) {
    return new WriteOptions(createOnly, retainUntil, retentionMode, legalHold, durable);
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
