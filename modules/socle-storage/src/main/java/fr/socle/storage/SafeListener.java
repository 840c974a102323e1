package fr.socle.storage;

/**
 * Observes what a {@link DocumentSafe} does, for metrics and dashboards. Events carry no document
 * id, container, tenant, name or content, only the operation and sizes, so they can become metric
 * tags safely.
 *
 * <p>Called synchronously on the thread that performed the operation, once its outcome is known. A
 * listener must be fast and thread-safe; an exception it throws is logged and ignored, never
 * changing the outcome of the operation. Every method does nothing by default.
 */
public interface SafeListener {

  /**
   * A deposit was encrypted, stored and journaled.
   *
   * @param bytes the plaintext size in bytes
   */
  default void onDeposit(long bytes) {}

  /**
   * A read completed: the content was decrypted and verified.
   *
   * @param bytes the plaintext size in bytes
   */
  default void onRead(long bytes) {}

  /** A version was destroyed and the destruction journaled. */
  default void onDestroy() {}

  /**
   * Tampering or corruption was detected; an {@link IntegrityViolationException} is about to be
   * thrown.
   *
   * @param operation what detected it: {@code read}, {@code verify}, {@code verifyJournal}, {@code
   *     metadata}, {@code destroy}, {@code rewrap} or {@code other}
   */
  default void onIntegrityFailure(String operation) {}
}
