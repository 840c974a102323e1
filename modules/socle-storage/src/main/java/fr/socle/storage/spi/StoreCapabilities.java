package fr.socle.storage.spi;

/**
 * What an {@link ObjectStore} can enforce itself. Read once when a safe is built.
 *
 * @param objectLock whether the store enforces retention dates and legal holds on objects (WORM),
 *     in addition to the checks the safe always makes
 * @param description short, non-secret description for logs, for example {@code s3 bucket docs}
 */
public record StoreCapabilities(boolean objectLock, String description) {
  /**
   * Validates the fields.
   *
   * @param objectLock whether the store enforces retention dates and legal holds on objects (WORM),
   *     in addition to the checks the safe always makes
   * @param description short, non-secret description for logs, for example {@code s3 bucket docs}
   */
  public StoreCapabilities {
    java.util.Objects.requireNonNull(description, "description");
  }
}
