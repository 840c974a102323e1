package fr.socle.core.internal.http;

import fr.socle.core.SocleClientException;
import fr.socle.core.internal.BoundedReader;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/** Reads a response body within the size cap, dropping the connection of an oversized one. */
public final class BoundedBody {
  private BoundedBody() {}

  /**
   * Reads the whole body, counted after decompression.
   *
   * @param entity the response entity, or {@code null}
   * @param cap the largest body accepted, in bytes
   * @param target the redacted method and URL, for messages
   * @return the body, empty when there is none
   * @throws IOException on an I/O error while reading
   * @throws SocleClientException when the body is larger than the cap
   */
  public static byte[] read(HttpEntity entity, long cap, String target) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    if (entity.getContentLength() > cap) {
      abort(entity.getContent());
      throw BoundedReader.tooLarge("response body of " + target, cap);
    }
    InputStream in = entity.getContent();
    if (in == null) {
      return new byte[0];
    }
    try {
      // Content-Length, when the entity is not decompressed (a decompressed one announces -1).
      return BoundedReader.readAll(
          in, cap, "response body of " + target, entity.getContentLength());
    } catch (SocleClientException e) {
      abort(in);
      throw e;
    } finally {
      in.close();
    }
  }

  /**
   * Drops the connection of an oversized body. Closing the stream or the response would instead
   * read the rest of the body to reuse the connection: a hostile peer could make us download
   * gigabytes.
   */
  private static void abort(InputStream in) throws IOException {
    if (in instanceof EofSensorInputStream) {
      ((EofSensorInputStream) in).abort();
    }
  }
}
