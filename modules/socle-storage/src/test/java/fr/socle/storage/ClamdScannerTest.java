package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.spi.ContentScanner;
import fr.socle.storage.spi.ScanVerdict;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The clamd INSTREAM client against a fake clamd that misbehaves on demand. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClamdScannerTest {
  private FakeClamd fake;

  @AfterEach
  void stop() throws IOException {
    if (fake != null) {
      fake.close();
    }
  }

  private ClamdScanner.Builder scanner(FakeClamd f) {
    return ClamdScanner.builder()
        .tcp("127.0.0.1", f.port())
        .connectTimeout(Duration.ofSeconds(2))
        .ioTimeout(Duration.ofMillis(500))
        .verdictTimeout(Duration.ofMillis(500));
  }

  private static ScanVerdict scan(ContentScanner scanner, byte[] content) {
    try (ContentScanner.Scan scan = scanner.begin()) {
      for (int pos = 0; pos < content.length; pos += 10_000) {
        scan.update(content, pos, Math.min(10_000, content.length - pos));
      }
      return scan.finish();
    }
  }

  @Test
  @DisplayName("a clean document is streamed in bounded chunks and found clean")
  void clean() throws Exception {
    fake = new FakeClamd(FakeClamd.detecting("EVIL", "Test.Evil"));
    byte[] content = TestData.bytes(300_000, 3);

    ScanVerdict verdict = scan(scanner(fake).chunkSize(4096).build(), content);

    assertThat(verdict.isClean()).isTrue();
    assertThat(fake.received()).singleElement().isEqualTo(content);
    assertThat(fake.chunkSizes).allMatch(n -> n > 0 && n <= 4096);
  }

  @Test
  @DisplayName("an empty document is scanned too")
  void empty() throws Exception {
    fake = new FakeClamd(FakeClamd.detecting("EVIL", "Test.Evil"));
    assertThat(scan(scanner(fake).build(), new byte[0]).isClean()).isTrue();
    assertThat(fake.received()).singleElement().isEqualTo(new byte[0]);
  }

  @Test
  @DisplayName("FOUND gives an infected verdict with the threat name")
  void found() throws Exception {
    fake = new FakeClamd(FakeClamd.detecting("EVIL", "Test.Evil"));
    ScanVerdict verdict = scan(scanner(fake).build(), "xxEVILxx".getBytes(StandardCharsets.UTF_8));
    assertThat(verdict.threat()).contains("Test.Evil");
  }

  @Test
  @DisplayName("a document larger than MaxFileSize is refused before clamd could pass it unscanned")
  void largerThanMaxFileSize() throws Exception {
    fake = new FakeClamd(FakeClamd.detecting("EVIL", "Test.Evil"));
    ContentScanner scanner = scanner(fake).maxFileSize(100_000).streamMaxLength(1_000_000).build();

    assertThatThrownBy(() -> scan(scanner, TestData.bytes(100_001, 1)))
        .isInstanceOf(ContentTooLargeToScanException.class)
        .extracting(e -> ((ContentTooLargeToScanException) e).limit())
        .isEqualTo(100_000L);
    assertThat(fake.received()).as("no verdict was asked for").isEmpty();
    assertThat(scan(scanner, TestData.bytes(100_000, 1)).isClean()).isTrue();
  }

  @Test
  @DisplayName("clamd's 'INSTREAM size limit exceeded' mid-stream is a typed refusal")
  void sizeLimitExceeded() throws Exception {
    fake =
        new FakeClamd(
            (s, f) -> {
              FakeClamd.readCommand(s.getInputStream());
              DataInputStream in = new DataInputStream(s.getInputStream());
              in.readNBytes(in.readInt());
              FakeClamd.answer(s, "INSTREAM size limit exceeded. ERROR\0");
            });
    ContentScanner scanner = scanner(fake).chunkSize(1024).build();

    assertThatThrownBy(() -> scan(scanner, TestData.bytes(4 << 20, 2)))
        .isInstanceOf(ContentTooLargeToScanException.class);
  }

  @Test
  @DisplayName("AlertExceedsMax's heuristic is a size refusal, not malware")
  void heuristicLimitsExceeded() throws Exception {
    fake =
        new FakeClamd(
            (s, f) -> {
              f.readStream(s.getInputStream());
              FakeClamd.answer(s, "stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND\0");
            });
    assertThatThrownBy(() -> scan(scanner(fake).build(), new byte[10]))
        .isInstanceOf(ContentTooLargeToScanException.class);
  }

  @Test
  @DisplayName("garbage, a second answer, a missing NUL or an empty answer are never clean")
  void hostileAnswers() throws Exception {
    for (String reply :
        new String[] {
          "HTTP/1.1 200 OK\r\n\r\n",
          "stream: OK\0stream: OK\0",
          "stream: OK\0stream: Test.Evil FOUND\0",
          "stream: OK",
          "stream: OK\n",
          "",
          "stream: OK \0",
          "stream:  FOUND\0",
          "stream: OK\0" + "x".repeat(5000),
          "Can't allocate memory ERROR\0"
        }) {
      try (FakeClamd f =
          new FakeClamd(
              (s, fk) -> {
                fk.readStream(s.getInputStream());
                FakeClamd.answer(s, reply);
              })) {
        assertThatThrownBy(() -> scan(scanner(f).build(), new byte[100]))
            .as(reply)
            .isInstanceOf(ScannerUnavailableException.class)
            .hasMessageNotContaining("HTTP");
      }
    }
  }

  @Test
  @DisplayName("a clamd that never answers times out")
  void stallBeforeVerdict() throws Exception {
    fake =
        new FakeClamd(
            (s, f) -> {
              f.readStream(s.getInputStream());
              f.stall();
            });
    assertThatThrownBy(() -> scan(scanner(fake).build(), new byte[100]))
        .isInstanceOf(ScannerUnavailableException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  @DisplayName("a clamd that stops reading mid-stream times out instead of blocking the deposit")
  void stallWhileStreaming() throws Exception {
    fake = new FakeClamd((s, f) -> f.stall());
    ContentScanner scanner = scanner(fake).chunkSize(1 << 20).build();
    assertThatThrownBy(() -> scan(scanner, TestData.bytes(64 << 20, 4)))
        .isInstanceOf(ScannerUnavailableException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  @DisplayName("a connection reset mid-stream is an unavailable scanner")
  void reset() throws Exception {
    fake =
        new FakeClamd(
            (s, f) -> {
              FakeClamd.readCommand(s.getInputStream());
              s.setSoLinger(true, 0);
              s.close();
            });
    assertThatThrownBy(() -> scan(scanner(fake).build(), TestData.bytes(8 << 20, 5)))
        .isInstanceOf(ScannerUnavailableException.class);
  }

  @Test
  @DisplayName("nobody listening: unavailable, at once")
  void unreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ContentScanner scanner = ClamdScanner.builder().tcp("127.0.0.1", port).build();
    assertThatThrownBy(scanner::begin)
        .isInstanceOf(ScannerUnavailableException.class)
        .hasMessageContaining("cannot connect");
  }

  @Test
  @DisplayName("a Unix-domain socket works like TCP")
  void unixSocket(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("clamd.ctl");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread t =
          new Thread(
              () -> {
                try (SocketChannel c = server.accept()) {
                  var in = Channels.newInputStream(c);
                  FakeClamd.readCommand(in);
                  DataInputStream data = new DataInputStream(in);
                  int n;
                  while ((n = data.readInt()) != 0) {
                    data.readNBytes(n);
                  }
                  c.write(ByteBuffer.wrap("stream: OK\0".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException ignored) {
                  // test fails on the client side
                }
              });
      t.setDaemon(true);
      t.start();

      ContentScanner scanner = ClamdScanner.builder().unixSocket(socket).build();
      assertThat(scan(scanner, TestData.bytes(50_000, 6)).isClean()).isTrue();
    }
  }

  @Test
  @DisplayName("the builder refuses limits ClamAV cannot honour and needs an address")
  void builderValidation() {
    assertThatThrownBy(() -> ClamdScanner.builder().maxFileSize(3L << 30))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClamdScanner.builder().chunkSize(10))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClamdScanner.builder().ioTimeout(Duration.ZERO))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClamdScanner.builder().build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("call tcp(...) or unixSocket(...)");
    assertThat(ClamdScanner.builder().tcp("localhost", 3310).build().maxDocumentSize())
        .isEqualTo(25L << 20);
  }
}
