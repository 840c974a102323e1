package fr.socle.storage.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A pending object. Bytes written are invisible to readers until {@link #commit()} returns; {@link
 * #close()} without a commit aborts and leaves nothing behind (no partial object, no orphaned
 * multipart upload where the store allows aborting). Not thread-safe.
 */
public abstract class ObjectWriter extends OutputStream {

  /**
   * Makes the object durable and visible atomically.
   *
   * @throws IOException if the object cannot be made durable; nothing is visible then
   * @throws ObjectExistsException if the write is create-only and the key appeared meanwhile
   */
  public abstract void commit() throws IOException;

  /** Aborts the write unless it was committed. Idempotent. */
  @Override
  public abstract void close();
}
