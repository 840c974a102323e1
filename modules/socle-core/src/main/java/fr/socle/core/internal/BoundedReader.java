package fr.socle.core.internal;

import fr.socle.core.SocleClientException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream fully, failing as soon as it exceeds a cap so that a hostile peer cannot OOM us.
 */
public final class BoundedReader {
  /** The largest announced length trusted for a buffer allocated up front. */
  private static final long MAX_PRESIZED = 1024 * 1024;

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
   * Reads all bytes, at most {@code maxBytes}, into a buffer of the announced size when there is
   * one: the common small answer then costs one allocation of its own size. A stream longer than
   * announced is read on, still within the cap.
   *
   * @param in the stream, not closed by this method
   * @param maxBytes the cap
   * @param what what is being read, for the message
   * @param announcedBytes the length the peer announced, or a negative number if unknown
   * @return the bytes
   * @throws IOException on read errors
   * @throws SocleClientException if the stream is longer than the cap
   */
  public static byte[] readAll(InputStream in, long maxBytes, String what, long announcedBytes)
      throws IOException {
    if (announcedBytes < 0 || announcedBytes > Math.min(maxBytes, MAX_PRESIZED)) {
      return readAll(in, maxBytes, what);
    }
    byte[] exact = new byte[(int) announcedBytes];
    int n = in.readNBytes(exact, 0, exact.length);
    if (n < exact.length) {
      return Arrays.copyOf(exact, n);
    }
    int next = in.read();
    if (next == -1) {
      return exact;
    }
    if (announcedBytes + 1 > maxBytes) {
      throw tooLarge(what, maxBytes);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(exact.length + 8192);
    out.write(exact);
    out.write(next);
    long total = announcedBytes + 1;
    byte[] buffer = new byte[8192];
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
