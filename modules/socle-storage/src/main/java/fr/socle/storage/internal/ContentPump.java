package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import fr.socle.storage.spi.ContentScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The deposit's single pass over the plaintext: each chunk is read once from the caller's stream
 * into a buffer lent by the {@link PipelinedDigest}, handed to the digest thread without a copy,
 * then scanned and encrypted on the caller's thread from that same buffer.
 *
 * <p>Past the first MiB the chunks are {@link PipelinedDigest#LENT_SIZE} (1 MiB, one Tink segment):
 * the encrypting stream then seals most of each chunk in place rather than copying it into its
 * segment buffer first, and the digest thread is woken once per MiB rather than once per 64 KiB.
 * What is hashed, scanned and encrypted is byte for byte what was read, in order.
 */
public final class ContentPump {
  private ContentPump() {}

  /**
   * Reads the plaintext to its end (without closing it) and feeds every byte to the digest, the
   * scan and the encrypting stream.
   *
   * @param plaintext the caller's content
   * @param digest the digest, fed through {@link PipelinedDigest#borrow}
   * @param scan the content scan (a no-op when no scanner is configured)
   * @param encrypting the encrypting stream
   * @return the number of plaintext bytes
   * @throws SocleClientException if the plaintext cannot be read
   * @throws IOException if the encrypting stream cannot be written
   */
  public static long pump(
      InputStream plaintext,
      PipelinedDigest digest,
      ContentScanner.Scan scan,
      OutputStream encrypting)
      throws IOException {
    long size = 0;
    while (true) {
      byte[] chunk = digest.borrow();
      int n = read(plaintext, chunk);
      if (n < 0) {
        return size;
      }
      digest.submit(chunk, n);
      scan.update(chunk, 0, n);
      encrypting.write(chunk, 0, n);
      size += n;
    }
  }

  private static int read(InputStream plaintext, byte[] chunk) {
    try {
      // readNBytes fills the chunk unless the stream ends; it returns 0 only at its end.
      int n = plaintext.readNBytes(chunk, 0, chunk.length);
      return n == 0 ? -1 : n;
    } catch (IOException e) {
      throw new SocleClientException("deposit failed: the content could not be read", e);
    }
  }
}
