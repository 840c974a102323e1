package fr.socle.storage.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where the safe keeps ciphertexts, wrapped keys and journal entries: a flat namespace of keys that
 * follow {@link ObjectKeys}, the one grammar every store shares (the safe encodes every
 * user-supplied name before it reaches a store). Objects are opaque bytes; the store never sees
 * plaintext.
 *
 * <p>Implementations must be thread-safe. Shipped implementations: {@code
 * fr.socle.storage.FileSystemObjectStore} (single node), {@code
 * fr.socle.storage.InMemoryObjectStore} (tests, with S3 Object Lock semantics) and {@code
 * fr.socle.storage.s3.S3ObjectStore} (module {@code socle-storage-s3}); each passes {@code
 * fr.socle.testkit.contract.ObjectStoreContract} (module {@code socle-testkit-contracts}), which a
 * new implementation extends. Errors are {@link fr.socle.core.SocleException}s: a key outside the
 * grammar is a {@code fr.socle.core.InvalidInputException}, a null argument a {@link
 * NullPointerException} naming the parameter; {@link IOException} is reserved for stream
 * operations.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Tells what the store can enforce itself. Called once when a safe is built.
   *
   * @return the capabilities
   */
  StoreCapabilities capabilities();

  /**
   * Opens a pending object; nothing is visible before {@link ObjectWriter#commit()}.
   *
   * @param key the key
   * @param options write-once, retention and legal hold
   * @return the writer
   */
  ObjectWriter openWriter(String key, WriteOptions options);

  /**
   * Writes a small object in one call.
   *
   * @param key the key
   * @param content the bytes
   * @param options write-once, retention and legal hold
   * @throws ObjectExistsException if create-only and the key exists
   */
  default void put(String key, byte[] content, WriteOptions options) {
    try (ObjectWriter w = openWriter(key, options)) {
      w.write(content);
      w.commit();
    } catch (IOException e) {
      throw new fr.socle.core.SocleClientException("could not write object " + key, e);
    }
  }

  /**
   * Opens an object for reading. The caller closes the stream.
   *
   * @param key the key
   * @return the content
   * @throws ObjectNotFoundException if absent
   */
  InputStream get(String key);

  /**
   * Lists the keys starting with a prefix, in ascending order.
   *
   * @param prefix the prefix, for example {@code t/acme/}
   * @return the keys (possibly empty)
   */
  List<String> list(String prefix);

  /**
   * Deletes an object, every stored version of it included. Deleting an absent key does nothing.
   *
   * @param key the key
   * @throws ObjectLockedException if the store enforces a retention or legal hold on it
   */
  void delete(String key);

  /**
   * Places or releases an object-lock legal hold. Only called when {@link
   * StoreCapabilities#objectLock()} is true.
   *
   * @param key the key
   * @param on true to hold
   */
  default void legalHold(String key, boolean on) {
    throw new UnsupportedOperationException("object lock not supported");
  }

  /**
   * Extends an object-lock retention. Only called when {@link StoreCapabilities#objectLock()} is
   * true.
   *
   * @param key the key
   * @param until the new retention date, later than the current one
   * @param mode the retention mode
   */
  default void extendRetention(String key, Instant until, RetentionMode mode) {
    throw new UnsupportedOperationException("object lock not supported");
  }

  /** Releases resources. */
  @Override
  void close();
}
