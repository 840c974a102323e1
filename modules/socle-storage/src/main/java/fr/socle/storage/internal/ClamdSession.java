package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import fr.socle.storage.ContentTooLargeToScanException;
import fr.socle.storage.ScannerUnavailableException;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One clamd {@code INSTREAM} scan on its own connection (clamd(8)): {@code zINSTREAM\0}, then
 * chunks of {@code <4-byte big-endian length><bytes>}, then a zero-length chunk; clamd answers one
 * NUL-terminated line and closes the connection. One connection per scan keeps the client simple
 * and lets a broken scan never poison the next one ({@code IDSESSION} would need non-blocking I/O).
 *
 * <p>Fail closed everywhere: a write or read that stalls past its timeout, a reset, more than one
 * answer, an answer that is not one of the three known forms, or more bytes than the configured
 * limit are all errors, never a clean verdict.
 */
public final class ClamdSession implements ContentScanner.Scan {
  /** Larger answers are not clamd's: a virus name is short. */
  private static final int MAX_REPLY_BYTES = 1024;

  private static final byte[] COMMAND = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern FOUND = Pattern.compile("stream: (\\S{1,256}) FOUND");

  /**
   * With {@code AlertExceedsMax yes}, clamd names the limit a file exceeded instead of passing it
   * unscanned (clamd.conf(5)): the file was not inspected, so it is too large, not infected.
   */
  private static final String LIMITS_EXCEEDED = "Heuristics.Limits.Exceeded";

  private final SocketChannel channel;
  private final int chunkSize;
  private final long maxBytes;
  private final Duration ioTimeout;
  private final Duration verdictTimeout;
  private long sent;
  private boolean finished;

  private ClamdSession(
      SocketChannel channel,
      int chunkSize,
      long maxBytes,
      Duration ioTimeout,
      Duration verdictTimeout) {
    this.channel = channel;
    this.chunkSize = chunkSize;
    this.maxBytes = maxBytes;
    this.ioTimeout = ioTimeout;
    this.verdictTimeout = verdictTimeout;
  }

  /**
   * Connects and sends the {@code INSTREAM} command.
   *
   * @param address TCP or Unix-domain address of clamd
   * @param connectTimeout connection timeout
   * @param ioTimeout timeout of each write, and of the answer to an aborted stream
   * @param verdictTimeout how long clamd may take to scan after the last chunk
   * @param chunkSize largest chunk sent
   * @param maxBytes largest document accepted (clamd's limits as configured)
   * @return the open session
   * @throws ScannerUnavailableException if clamd cannot be reached
   */
  public static ClamdSession open(
      SocketAddress address,
      Duration connectTimeout,
      Duration ioTimeout,
      Duration verdictTimeout,
      int chunkSize,
      long maxBytes) {
    SocketChannel channel = null;
    try {
      if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
        // Resolved per scan, so that a clamd behind a changing DNS name is followed.
        address = new InetSocketAddress(inet.getHostString(), inet.getPort());
        if (((InetSocketAddress) address).isUnresolved()) {
          throw unavailable("cannot resolve the address of", null);
        }
      }
      channel = SocketChannel.open(family(address));
      try (Watchdog.Deadline d = Watchdog.arm(channel, connectTimeout)) {
        try {
          channel.connect(address);
        } catch (IOException e) {
          throw unavailable(d.fired() ? "timed out connecting to" : "cannot connect to", e);
        }
      }
      ClamdSession session =
          new ClamdSession(channel, chunkSize, maxBytes, ioTimeout, verdictTimeout);
      session.write(ByteBuffer.wrap(COMMAND));
      return session;
    } catch (IOException e) {
      close(channel);
      throw unavailable("cannot connect to", e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  private static ProtocolFamily family(SocketAddress address) {
    if (address instanceof UnixDomainSocketAddress) {
      return StandardProtocolFamily.UNIX;
    }
    if (address instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address) {
      return StandardProtocolFamily.INET6;
    }
    return StandardProtocolFamily.INET;
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    if (finished) {
      throw new SocleClientException("the scan is finished: begin a new one");
    }
    if (length > maxBytes - sent) {
      // clamd would either refuse the stream or, past MaxFileSize, answer OK without scanning.
      finished = true;
      close(channel);
      throw new ContentTooLargeToScanException(maxBytes);
    }
    int end = offset + length;
    for (int pos = offset; pos < end; pos += chunkSize) {
      int n = Math.min(chunkSize, end - pos);
      ByteBuffer header = ByteBuffer.allocate(4).putInt(0, n);
      writeChunk(header, ByteBuffer.wrap(bytes, pos, n));
    }
    sent += length;
  }

  @Override
  public ScanVerdict finish() {
    if (finished) {
      throw new SocleClientException("the scan is finished: begin a new one");
    }
    finished = true;
    try {
      writeChunk(ByteBuffer.allocate(4), ByteBuffer.allocate(0));
      return parse(readReply(verdictTimeout));
    } finally {
      close(channel);
    }
  }

  @Override
  public void close() {
    finished = true;
    close(channel);
  }

  private void writeChunk(ByteBuffer header, ByteBuffer data) {
    try {
      write(header, data);
    } catch (IOException e) {
      // clamd closes the connection as soon as the stream passes its StreamMaxLength, after
      // writing its answer: read it to report the real cause.
      finished = true;
      String reply;
      try {
        reply = readReply(ioTimeout);
      } catch (ScannerUnavailableException unreadable) {
        close(channel);
        throw unavailable("connection lost while streaming to", e);
      }
      close(channel);
      parse(reply);
      throw unavailable("connection lost while streaming to", e);
    }
  }

  private void write(ByteBuffer... buffers) throws IOException {
    try (Watchdog.Deadline d = Watchdog.arm(channel, ioTimeout)) {
      try {
        while (buffers[buffers.length - 1].hasRemaining() || buffers[0].hasRemaining()) {
          channel.write(buffers);
        }
      } catch (IOException e) {
        if (d.fired()) {
          finished = true;
          throw unavailable("timed out streaming to", e);
        }
        throw e;
      }
    }
  }

  private String readReply(Duration timeout) {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(256);
    try (Watchdog.Deadline d = Watchdog.arm(channel, timeout)) {
      try {
        // clamd closes the connection after its single answer: read to the end, so that a second
        // answer or trailing garbage is seen and refused.
        int n;
        while ((n = channel.read(buf)) != -1) {
          reply.write(buf.array(), 0, n);
          buf.clear();
          if (reply.size() > MAX_REPLY_BYTES) {
            throw unavailable("an oversized answer from", null);
          }
        }
      } catch (IOException e) {
        throw unavailable(
            d.fired() ? "timed out waiting for the verdict of" : "no verdict from", e);
      }
    }
    return reply.toString(StandardCharsets.US_ASCII);
  }

  /** Parses clamd's single NUL-terminated answer. */
  private ScanVerdict parse(String reply) {
    if (reply.isEmpty() || reply.indexOf('\0') != reply.length() - 1) {
      throw unavailable(
          reply.isEmpty() ? "no verdict from" : "an unintelligible answer from", null);
    }
    String line = reply.substring(0, reply.length() - 1);
    if (line.equals("stream: OK")) {
      return ScanVerdict.clean();
    }
    Matcher found = FOUND.matcher(line);
    if (found.matches()) {
      String threat = found.group(1);
      if (threat.startsWith(LIMITS_EXCEEDED)) {
        throw new ContentTooLargeToScanException(0);
      }
      if (!threat.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw unavailable("an unintelligible answer from", null);
      }
      return ScanVerdict.infected(threat);
    }
    if (line.equals("INSTREAM size limit exceeded. ERROR")) {
      throw new ContentTooLargeToScanException(0);
    }
    if (line.endsWith(" ERROR")) {
      throw unavailable("an error from", null);
    }
    throw unavailable("an unintelligible answer from", null);
  }

  private static ScannerUnavailableException unavailable(String what, Throwable cause) {
    // The answer itself is not quoted: it could echo content.
    return new ScannerUnavailableException("content scan failed: " + what + " clamd", cause);
  }

  private static void close(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }
}
