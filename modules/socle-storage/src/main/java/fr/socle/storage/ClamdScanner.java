package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.internal.ClamdSession;
import fr.socle.storage.spi.ContentScanner;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link ContentScanner} that streams each deposit to a ClamAV daemon ({@code clamd}) with the
 * {@code INSTREAM} command, over TCP or a Unix-domain socket, one connection per document.
 *
 * <p><b>Limits.</b> clamd answers {@code OK} <em>without scanning</em> a file larger than its
 * {@code MaxFileSize} (unless {@code AlertExceedsMax yes}), and cuts a stream longer than its
 * {@code StreamMaxLength}. Tell this client both values as configured in {@code clamd.conf}: it
 * refuses larger documents with {@link ContentTooLargeToScanException} before clamd could pass them
 * unscanned. The defaults (25 MiB each) are those of Debian's packaged {@code clamd.conf}; clamd's
 * own compiled-in defaults are 100 MiB. ClamAV cannot scan more than 2 GiB.
 *
 * <p><b>Timeouts.</b> Connecting, each write of a chunk, and waiting for the verdict after the last
 * chunk are bounded. clamd also drops a stream that stays silent longer than its own {@code
 * ReadTimeout} (120 s by default), so a deposit whose source stalls longer fails with {@link
 * ScannerUnavailableException}.
 *
 * <p>Thread-safe and stateless between scans; one instance serves the whole application.
 *
 * <pre>{@code
 * ContentScanner clamd = ClamdScanner.builder()
 *     .tcp("127.0.0.1", 3310)
 *     .maxFileSize(25L << 20)       // clamd.conf MaxFileSize
 *     .streamMaxLength(25L << 20)   // clamd.conf StreamMaxLength
 *     .build();
 * DocumentSafe safe = DocumentSafe.builder()
 *     .objectStore(store).keyEncryptionKeys(keys)
 *     .contentScanner(clamd)
 *     .build();
 * }</pre>
 */
public final class ClamdScanner implements ContentScanner {
  /** ClamAV's engine cannot scan more than 2 GiB (clamd.conf(5)). */
  private static final long CLAMAV_MAX = (2L << 30) - 1;

  private final SocketAddress address;
  private final String description;
  private final Duration connectTimeout;
  private final Duration ioTimeout;
  private final Duration verdictTimeout;
  private final int chunkSize;
  private final long maxFileSize;
  private final long streamMaxLength;

  private ClamdScanner(Builder b) {
    this.address = b.address;
    this.description = b.description;
    this.connectTimeout = b.connectTimeout;
    this.ioTimeout = b.ioTimeout;
    this.verdictTimeout = b.verdictTimeout;
    this.chunkSize = b.chunkSize;
    this.maxFileSize = b.maxFileSize;
    this.streamMaxLength = b.streamMaxLength;
  }

  /**
   * Starts building a scanner.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens a connection to clamd and starts an {@code INSTREAM} scan.
   *
   * @return the scan
   * @throws ScannerUnavailableException if clamd cannot be reached in time
   */
  @Override
  public Scan begin() {
    return ClamdSession.open(
        address,
        connectTimeout,
        ioTimeout,
        verdictTimeout,
        chunkSize,
        Math.min(maxFileSize, streamMaxLength));
  }

  /**
   * Returns the largest document this scanner accepts: the smaller of {@code maxFileSize} and
   * {@code streamMaxLength}.
   *
   * @return the limit in bytes
   */
  public long maxDocumentSize() {
    return Math.min(maxFileSize, streamMaxLength);
  }

  @Override
  public String toString() {
    return "ClamdScanner[" + description + ", max " + maxDocumentSize() + " bytes]";
  }

  /** Builds a {@link ClamdScanner}. Not thread-safe. */
  public static final class Builder {
    private SocketAddress address;
    private String description;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration ioTimeout = Duration.ofSeconds(30);
    private Duration verdictTimeout = Duration.ofSeconds(120);
    private int chunkSize = 64 * 1024;
    private long maxFileSize = 25L << 20;
    private long streamMaxLength = 25L << 20;

    private Builder() {}

    /**
     * Reaches clamd over TCP ({@code TCPSocket}/{@code TCPAddr} in clamd.conf).
     *
     * @param host host name or address
     * @param port port, usually 3310
     * @return this builder
     */
    public Builder tcp(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new InvalidInputException("port must be between 1 and 65535");
      }
      this.address = InetSocketAddress.createUnresolved(host, port);
      this.description = "tcp:" + host + ":" + port;
      return this;
    }

    /**
     * Reaches clamd over a Unix-domain socket ({@code LocalSocket} in clamd.conf, usually {@code
     * /run/clamav/clamd.ctl}).
     *
     * @param socket the socket file
     * @return this builder
     */
    public Builder unixSocket(Path socket) {
      Objects.requireNonNull(socket, "socket");
      this.address = UnixDomainSocketAddress.of(socket);
      this.description = "unix:" + socket;
      return this;
    }

    /**
     * Sets the connection timeout.
     *
     * @param timeout default 2 s
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets how long one chunk may take to be accepted by clamd.
     *
     * @param timeout default 30 s
     * @return this builder
     */
    public Builder ioTimeout(Duration timeout) {
      this.ioTimeout = positive("ioTimeout", timeout);
      return this;
    }

    /**
     * Sets how long clamd may take to answer after the last chunk (the scan itself).
     *
     * @param timeout default 120 s
     * @return this builder
     */
    public Builder verdictTimeout(Duration timeout) {
      this.verdictTimeout = positive("verdictTimeout", timeout);
      return this;
    }

    /**
     * Sets the largest chunk sent to clamd.
     *
     * @param bytes 1 KiB to 8 MiB, default 64 KiB
     * @return this builder
     */
    public Builder chunkSize(int bytes) {
      if (bytes < 1024 || bytes > 8 << 20) {
        throw new InvalidInputException("chunkSize must be between 1 KiB and 8 MiB");
      }
      this.chunkSize = bytes;
      return this;
    }

    /**
     * Declares clamd's {@code MaxFileSize}: larger documents are refused, since clamd would pass
     * them unscanned.
     *
     * @param bytes the value of clamd.conf, default 25 MiB (Debian's clamd.conf)
     * @return this builder
     */
    public Builder maxFileSize(long bytes) {
      this.maxFileSize = limit("maxFileSize", bytes);
      return this;
    }

    /**
     * Declares clamd's {@code StreamMaxLength}: larger documents are refused before clamd cuts the
     * stream.
     *
     * @param bytes the value of clamd.conf, default 25 MiB (Debian's clamd.conf)
     * @return this builder
     */
    public Builder streamMaxLength(long bytes) {
      this.streamMaxLength = limit("streamMaxLength", bytes);
      return this;
    }

    /**
     * Builds the scanner. No connection is made until the first scan.
     *
     * @return the scanner
     * @throws InvalidInputException if neither {@link #tcp} nor {@link #unixSocket} was called
     */
    public ClamdScanner build() {
      if (address == null) {
        throw new InvalidInputException(
            "the address of clamd is required: call tcp(...) or unixSocket(...)");
      }
      return new ClamdScanner(this);
    }

    private static Duration positive(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException(what + " must be positive");
      }
      return d;
    }

    private static long limit(String what, long bytes) {
      if (bytes < 1 || bytes > CLAMAV_MAX) {
        throw new InvalidInputException(what + " must be between 1 byte and 2 GiB");
      }
      return bytes;
    }
  }
}
