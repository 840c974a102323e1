package fr.socle.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fr.socle.core.SocleClientException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers that never fall silent long enough for the response timeout: they drip the headers,
 * the body, or an endless chunked body, one byte at a time. Only the overall deadline ends such a
 * call. Each drip lasts until the client hangs up, so without a deadline the call would never
 * return: the preemptive guard turns that hang into a failure instead of a stuck build.
 */
class HttpTransportDeadlineTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);

  private final ExecutorService peerThreads = Executors.newCachedThreadPool();
  private ServerSocket server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    peerThreads.shutdownNow();
  }

  /** A peer on a free loopback port that writes {@code head}, then one byte of {@code drip}. */
  private URI drippingPeer(String head, byte drip, AtomicBoolean clientHungUp) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    peerThreads.submit(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket s = server.accept();
              peerThreads.submit(() -> drip(s, head, drip, clientHungUp));
            } catch (IOException closed) {
              return;
            }
          }
        });
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/slow");
  }

  private static void drip(Socket s, String head, byte drip, AtomicBoolean clientHungUp) {
    try (s) {
      readRequestHead(s.getInputStream());
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (true) {
        Thread.sleep(100);
        out.write(drip);
        out.flush();
      }
    } catch (IOException e) {
      clientHungUp.set(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private static HttpTransport transportWithDeadline(Duration deadline) {
    return HttpTransport.builder()
        .responseTimeout(Duration.ofSeconds(5)) // never reached: the peer is never silent
        .deadline(deadline)
        .maxRetries(0)
        .build();
  }

  private void assertEndsWithTimeout(String head, byte drip) throws Exception {
    AtomicBoolean hungUp = new AtomicBoolean();
    URI uri = drippingPeer(head, drip, hungUp);
    try (HttpTransport http = transportWithDeadline(Duration.ofMillis(800))) {
      assertTimeoutPreemptively(
          HANG_GUARD,
          () ->
              assertThatThrownBy(() -> http.execute(HttpRequest.get(uri).build()))
                  .isInstanceOf(SocleTimeoutException.class)
                  .hasMessageContaining("deadline")
                  .hasMessageNotContaining("?"));
    }
    // The connection was dropped, not left to the peer.
    for (int i = 0; i < 50 && !hungUp.get(); i++) {
      Thread.sleep(100);
    }
    assertThat(hungUp).isTrue();
  }

  @Test
  void execute_whenThePeerDripsTheHeaders_endsAtTheDeadline() throws Exception {
    assertEndsWithTimeout("HTTP/1.1 200 OK\r\n", (byte) 'X');
  }

  @Test
  void execute_whenThePeerDripsTheBody_endsAtTheDeadline() throws Exception {
    assertEndsWithTimeout(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n",
        (byte) 'a');
  }

  @Test
  void execute_whenAChunkedBodyNeverEnds_endsAtTheDeadline() throws Exception {
    // One endless chunk of 1 MiB announced, written a byte at a time: under the size cap for long.
    assertEndsWithTimeout(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "100000\r\n",
        (byte) 'a');
  }

  @Test
  void execute_perRequestDeadline_overridesTheTransportDefault() throws Exception {
    AtomicBoolean hungUp = new AtomicBoolean();
    URI uri = drippingPeer("HTTP/1.1 200 OK\r\n", (byte) 'X', hungUp);
    try (HttpTransport http = transportWithDeadline(Duration.ofMinutes(10))) {
      assertTimeoutPreemptively(
          HANG_GUARD,
          () ->
              assertThatThrownBy(
                      () ->
                          http.execute(
                              HttpRequest.get(uri).deadline(Duration.ofMillis(500)).build()))
                  .isInstanceOf(SocleTimeoutException.class));
    }
  }

  @Test
  void execute_whenTheTransportIsClosedDuringACall_failsTypedNotWithIllegalState()
      throws Exception {
    AtomicBoolean hungUp = new AtomicBoolean();
    URI uri = drippingPeer("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", (byte) 'a', hungUp);
    HttpTransport http = transportWithDeadline(Duration.ofMinutes(10));
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<?> call =
          caller.submit(
              () -> {
                started.countDown();
                return http.execute(HttpRequest.get(uri).build());
              });
      started.await();
      Thread.sleep(300); // the call is reading the dripped body
      http.close();
      Throwable thrown =
          assertTimeoutPreemptively(
              HANG_GUARD,
              () -> {
                try {
                  call.get();
                  return null;
                } catch (java.util.concurrent.ExecutionException e) {
                  return e.getCause();
                }
              });
      assertThat(thrown)
          .isInstanceOf(SocleClientException.class)
          .isNotInstanceOf(SocleTimeoutException.class)
          .hasMessageContaining("closed");
    } finally {
      caller.shutdownNow();
      caller.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void execute_afterClose_failsTyped() {
    HttpTransport http = HttpTransport.create();
    http.close();
    assertThatThrownBy(
            () -> http.execute(HttpRequest.get(URI.create("http://127.0.0.1:9/")).build()))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void deadline_defaultsAndPresets() {
    try (HttpTransport http = HttpTransport.create()) {
      assertThat(http.deadline()).isEqualTo(HttpTransport.DEFAULT_DEADLINE);
    }
    try (HttpTransport http = HttpTransport.builder().preset(HttpPreset.PAYFIP).build()) {
      assertThat(http.deadline()).isEqualTo(Duration.ofSeconds(15));
      assertThat(http.responseTimeout()).isEqualTo(Duration.ofSeconds(15));
    }
    try (HttpTransport http = HttpTransport.builder().preset(HttpPreset.OPENID_PROVIDER).build()) {
      assertThat(http.deadline()).isEqualTo(Duration.ofSeconds(10));
    }
    assertThatThrownBy(() -> HttpTransport.builder().deadline(Duration.ZERO))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> HttpRequest.get(URI.create("http://x/")).deadline(null))
        .isInstanceOf(SocleClientException.class);
  }
}
