package fr.socle.core.internal;

import fr.socle.core.SocleClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream fully, failing as soon as it exceeds a cap so that a hostile peer cannot OOM us.
 */
public final class BoundedReader {
  private BoundedReader() {}

  /**
   * Reads all bytes, at most {@code maxBytes}.
   *
   * @param in the stream, not closed by this method
   * @param maxBytes the cap
   * @param what what is being read, for the message
   * @return the bytes
   * @throws IOException on read errors
   * @throws SocleClientException if the stream is longer than the cap
   */
  public static byte[] readAll(InputStream in, long maxBytes, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(what, maxBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * Builds the error for an oversized body.
   *
   * @param what what was being read
   * @param maxBytes the cap
   * @return the exception
   */
  public static SocleClientException tooLarge(String what, long maxBytes) {
    return new SocleClientException(
        what + " is larger than the limit of " + maxBytes + " bytes; refused");
  }
}
