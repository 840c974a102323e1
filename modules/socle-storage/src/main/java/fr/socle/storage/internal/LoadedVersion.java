package fr.socle.storage.internal;

import fr.socle.storage.DocumentMetadata;
import java.util.Arrays;

/**
 * One version whose envelope was authenticated and checked against the journal, holding its
 * unwrapped data key. The holder zeroes the key when it is closed or when the key has been used
 * (opening the content, re-wrapping), so a data key lives in memory only for the one operation that
 * needs it. Not thread-safe: one operation owns it.
 */
public final class LoadedVersion implements AutoCloseable {
  private final DocumentMetadata metadata;
  private final byte[] dataKey;
  private final String attempt;
  private final String kekId;

  LoadedVersion(DocumentMetadata metadata, byte[] dataKey, String attempt, String kekId) {
    this.metadata = metadata;
    this.dataKey = dataKey;
    this.attempt = attempt;
    this.kekId = kekId;
  }

  /**
   * The authenticated metadata.
   *
   * @return the metadata
   */
  public DocumentMetadata metadata() {
    return metadata;
  }

  /**
   * The deposit attempt, which names the ciphertext object.
   *
   * @return the attempt id
   */
  public String attempt() {
    return attempt;
  }

  /**
   * The id of the key-encryption key that wraps the data key (authenticated).
   *
   * @return the key id
   */
  public String kekId() {
    return kekId;
  }

  /** The serialized data key itself, not a copy; zeroed by {@link #close()}. */
  byte[] dataKey() {
    return dataKey;
  }

  /** Zeroes the data key. Idempotent. */
  @Override
  public void close() {
    Arrays.fill(dataKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "LoadedVersion[version " + metadata.version() + ", key redacted]";
  }
}
