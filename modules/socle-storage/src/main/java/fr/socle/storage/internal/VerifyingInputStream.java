package fr.socle.storage.internal;

import com.google.crypto.tink.StreamingAead;
import fr.socle.storage.IntegrityViolationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Decrypts a stored ciphertext as it is read and at end of stream checks its size and, when asked
 * to, its digest against the authenticated metadata.
 *
 * <p>Tink authenticates every 1 MiB segment before releasing it, and the last-segment flag in the
 * nonce detects truncation; the digest check at the end additionally proves the whole plaintext is
 * the deposited one. Any authentication failure surfaces as {@link IntegrityViolationException}
 * (unchecked, thrown from {@code read}); a genuine I/O failure of the store stays an {@link
 * IOException}.
 */
public final class VerifyingInputStream extends InputStream {
  private final FlaggingInputStream raw;
  private final InputStream plaintext;
  private final PipelinedDigest digest;
  private final long expectedSize;
  private final String expectedDigest;
  private final String what;
  private long size;
  private boolean checked;

  /**
   * Opens the stream.
   *
   * @param aead the document's primitive
   * @param ciphertext the stored ciphertext (closed with this stream)
   * @param aad the content associated data
   * @param digest an empty digest of the metadata's algorithm, or null not to hash the plaintext
   * @param expectedSize the metadata's size
   * @param expectedDigest the metadata's hex digest
   * @param what description for messages
   * @return the stream
   */
  public static VerifyingInputStream open(
      StreamingAead aead,
      InputStream ciphertext,
      byte[] aad,
      MessageDigest digest,
      long expectedSize,
      String expectedDigest,
      String what) {
    FlaggingInputStream raw = new FlaggingInputStream(ciphertext);
    try {
      return new VerifyingInputStream(
          raw, aead.newDecryptingStream(raw, aad), digest, expectedSize, expectedDigest, what);
    } catch (GeneralSecurityException | IOException e) {
      closeQuietly(raw);
      throw new IntegrityViolationException("ciphertext of " + what + " cannot be authenticated");
    }
  }

  private VerifyingInputStream(
      FlaggingInputStream raw,
      InputStream plaintext,
      MessageDigest digest,
      long expectedSize,
      String expectedDigest,
      String what) {
    this.raw = raw;
    this.plaintext = plaintext;
    this.digest = digest == null ? null : new PipelinedDigest(digest);
    this.expectedSize = expectedSize;
    this.expectedDigest = expectedDigest;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = plaintext.read(b, off, len);
    } catch (IOException e) {
      if (raw.failed) {
        throw e;
      }
      throw new IntegrityViolationException("ciphertext of " + what + " cannot be authenticated");
    }
    if (n == -1) {
      checkEnd();
      return -1;
    }
    if (digest != null) {
      digest.update(b, off, n);
    }
    size += n;
    if (size > expectedSize) {
      throw new IntegrityViolationException("content of " + what + " is longer than recorded");
    }
    return n;
  }

  private void checkEnd() {
    if (checked) {
      return;
    }
    checked = true;
    if (size != expectedSize) {
      throw new IntegrityViolationException("content of " + what + " does not match its size");
    }
    if (digest == null) {
      return;
    }
    String actual = Hashing.hex(digest.digest());
    if (!MessageDigest.isEqual(actual.getBytes(), expectedDigest.getBytes())) {
      throw new IntegrityViolationException("content of " + what + " does not match its digest");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (digest != null) {
        digest.close();
      }
      plaintext.close();
    } finally {
      raw.close();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Already failing; the original error matters.
    }
  }

  /** Remembers whether the store's stream itself failed, to tell I/O errors from forgeries. */
  private static final class FlaggingInputStream extends FilterInputStream {
    private boolean failed;

    FlaggingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }
  }
}
