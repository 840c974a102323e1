package fr.socle.storage.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through and turns {@code close()} into {@code flush()}: for a wrapper that must
 * finish its own framing (Tink's last segment, a ZIP's central directory) when closed, without
 * closing the stream underneath, which belongs to someone else (an object writer that would abort,
 * the caller's stream).
 */
public final class NonClosingOutputStream extends FilterOutputStream {

  /**
   * Wraps a stream.
   *
   * @param out the stream left open
   */
  public NonClosingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
