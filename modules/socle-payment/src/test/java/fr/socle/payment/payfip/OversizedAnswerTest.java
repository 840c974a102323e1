package fr.socle.payment.payfip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.SocleClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that streams a 100 MB answer, generated on the fly so the test itself holds none of it.
 */
class OversizedAnswerTest {
  static final long HUNDRED_MB = 100L * 1000 * 1000;

  HttpServer server;
  final AtomicLong written = new AtomicLong();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/tpa/services/securite",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          boolean chunked = exchange.getRequestURI().getQuery() != null;
          exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
          exchange.sendResponseHeaders(200, chunked ? 0 : HUNDRED_MB);
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) 'a');
          byte[] head =
              ("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
                      + "<x><return><numauto>")
                  .getBytes(StandardCharsets.US_ASCII);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(head);
            long sent = head.length;
            while (sent + chunk.length <= HUNDRED_MB) {
              out.write(chunk);
              sent += chunk.length;
              written.set(sent);
            }
          } catch (IOException clientWentAway) {
            // expected: the client stops reading at its cap
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void paymentDetail_whenTheAnswerDeclares100MB_refusesItBeforeReadingIt() {
    try (PayfipClient client = client("")) {
      assertThatThrownBy(() -> client.paymentDetail("6475fa10-b338-11e2-a082-001fe256bdfe"))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("larger than the limit");
    }
    assertThat(written.get()).isLessThan(HUNDRED_MB / 2);
  }

  @Test
  void paymentDetail_whenA100MBAnswerIsStreamedWithoutLength_stopsReadingAtTheCap() {
    try (PayfipClient client = client("?chunked")) {
      assertThatThrownBy(() -> client.paymentDetail("6475fa10-b338-11e2-a082-001fe256bdfe"))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("larger than the limit");
    }
    assertThat(written.get()).isLessThan(HUNDRED_MB / 2);
  }

  private PayfipClient client(String query) {
    return PayfipClient.builder()
        .endpoint(
            URI.create(
                "http://127.0.0.1:"
                    + server.getAddress().getPort()
                    + "/tpa/services/securite"
                    + query))
        .httpTransport(http -> http.maxRetries(0))
        .build();
  }
}
