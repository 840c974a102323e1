package fr.socle.storage.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fr.socle.core.Secret;
import fr.socle.core.SocleTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An S3 endpoint that drips its answer's headers a byte every 100 ms never trips the socket
 * timeout; only the deadline ends the call. The drip lasts until the client hangs up, so without a
 * deadline the call would never return: the preemptive guard turns that hang into a failure.
 */
class S3ObjectStoreDeadlineTest {
  private final ExecutorService peerThreads = Executors.newCachedThreadPool();
  private ServerSocket server;

  @AfterEach
  void stop() throws IOException {
    server.close();
    peerThreads.shutdownNow();
  }

  private URI drippingEndpoint() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    peerThreads.submit(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket s = server.accept();
              peerThreads.submit(() -> drip(s));
            } catch (IOException closed) {
              return;
            }
          }
        });
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private static void drip(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      int b;
      while (matched < 4 && (b = in.read()) != -1) {
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      while (true) {
        Thread.sleep(100);
        out.write('X');
        out.flush();
      }
    } catch (IOException e) {
      // the client hung up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void build_whenTheEndpointDripsItsAnswer_failsAtTheDeadline() throws Exception {
    URI endpoint = drippingEndpoint();
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () ->
            assertThatThrownBy(
                    () ->
                        S3ObjectStore.builder()
                            .endpoint(endpoint)
                            .region("us-east-1")
                            .bucket("coffre")
                            .credentials("access", Secret.of("secret-access-key"))
                            .connectTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(20))
                            .deadline(Duration.ofSeconds(1))
                            .build())
                .isInstanceOf(SocleTimeoutException.class)
                .hasMessageContaining("deadline"));
  }
}
