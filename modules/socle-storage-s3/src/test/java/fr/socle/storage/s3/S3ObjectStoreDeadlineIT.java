package fr.socle.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fr.socle.core.Secret;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * S3 endpoints that drip their answer a byte every 100 ms never trip the socket timeout; only the
 * deadline ends the call. The drip lasts until the client hangs up, so without a deadline the call
 * would never return: the preemptive guard turns that hang into a failure.
 */
class S3ObjectStoreDeadlineIT {
  private final ExecutorService peerThreads = Executors.newCachedThreadPool();
  private final AtomicInteger bodyBytesSent = new AtomicInteger();
  private ServerSocket server;

  @AfterEach
  void stop() throws IOException {
    server.close();
    peerThreads.shutdownNow();
  }

  /** What the fake endpoint does once it has read a request's head. */
  private interface Behaviour {
    void answer(String requestLine, OutputStream out) throws IOException, InterruptedException;
  }

  private URI endpoint(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    peerThreads.submit(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket s = server.accept();
              peerThreads.submit(() -> serve(s, behaviour));
            } catch (IOException closed) {
              return;
            }
          }
        });
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private static void serve(Socket s, Behaviour behaviour) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        String requestLine = readHead(in);
        if (requestLine == null) {
          return;
        }
        behaviour.answer(requestLine, out);
        out.flush();
      }
    } catch (IOException e) {
      // the client hung up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads a request head (GETs only: no body); returns its first line, or null at the end. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4) {
      b = in.read();
      if (b == -1) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    return text.substring(0, text.indexOf('\r'));
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static S3ObjectStore.Builder store(URI endpoint) {
    return S3ObjectStore.builder()
        .endpoint(endpoint)
        .region("us-east-1")
        .bucket("coffre")
        .credentials("access", Secret.of("secret-access-key"))
        .connectTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(20))
        .deadline(Duration.ofSeconds(1));
  }

  @Test
  void build_whenTheEndpointDripsItsAnswer_failsAtTheDeadline() throws Exception {
    URI endpoint =
        endpoint(
            (requestLine, out) -> {
              write(out, "HTTP/1.1 200 OK\r\n");
              while (true) {
                Thread.sleep(100);
                out.write('X');
                out.flush();
              }
            });
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () ->
            assertThatThrownBy(() -> store(endpoint).build())
                .isInstanceOf(SocleTimeoutException.class)
                .hasMessageContaining("deadline"));
  }

  /**
   * Issue #11's leftover: the headers of a GET come at once, then the body drips. Before the fix
   * the read was bounded by the socket timeout only, which a drip never trips: it lasted forever.
   */
  @Test
  void get_whenTheEndpointDripsTheBody_failsAtTheDeadline() throws Exception {
    URI endpoint =
        endpoint(
            (requestLine, out) -> {
              if (noObjectLock(requestLine, out)) {
                return;
              }
              write(
                  out,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                      + "Content-Length: 1000000\r\n\r\n");
              out.flush();
              while (true) {
                Thread.sleep(100);
                out.write('X');
                out.flush();
                bodyBytesSent.incrementAndGet();
              }
            });
    // A first client loads the SDK's classes, which can take seconds on a loaded machine: only the
    // drip must meet the short deadline.
    store(endpoint).deadline(Duration.ofMinutes(1)).abortUploadsOlderThan(null).build().close();
    try (S3ObjectStore store =
        store(endpoint).deadline(Duration.ofSeconds(3)).abortUploadsOlderThan(null).build()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            try (InputStream in = store.get("t/doc")) {
              assertThatThrownBy(in::readAllBytes)
                  .isInstanceOf(SocleTimeoutException.class)
                  .hasMessageContaining("deadline");
            }
          });
    }
    assertThat(bodyBytesSent.get()).as("the body did start to flow").isPositive();
  }

  /**
   * An endpoint that refuses the object-lock query (403: the credentials lack
   * s3:GetBucketObjectLockConfiguration) says nothing about the bucket. Before, any error meant "no
   * object lock" and the store ran without it.
   */
  @Test
  void build_whenTheObjectLockQueryIsDenied_failsClosed() throws Exception {
    URI endpoint =
        endpoint(
            (requestLine, out) -> {
              String error = "<Error><Code>AccessDenied</Code><Message>no</Message></Error>";
              write(
                  out,
                  "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
                      + error.length()
                      + "\r\n\r\n"
                      + error);
            });
    assertThatThrownBy(
            () ->
                store(endpoint).deadline(Duration.ofMinutes(1)).abortUploadsOlderThan(null).build())
        .isInstanceOf(SocleServiceException.class)
        .hasMessageContaining("object lock");
  }

  /** Answers the object-lock query of build() with "not configured"; true if it was that. */
  private static boolean noObjectLock(String requestLine, OutputStream out) throws IOException {
    if (!requestLine.contains("object-lock")) {
      return false;
    }
    String error =
        "<Error><Code>ObjectLockConfigurationNotFoundError</Code><Message>none</Message></Error>";
    write(
        out,
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/xml\r\nContent-Length: "
            + error.length()
            + "\r\n\r\n"
            + error);
    return true;
  }

  /**
   * The deadline is per part, not per download: a 12 MiB body sent steadily in 4.8 s outlasts a 3 s
   * deadline, but each 5 MiB part arrives within its own deadline, so the read completes.
   */
  @Test
  void get_whenTheBodyIsSlowButSteady_readsItAllPastOneDeadline() throws Exception {
    int mib = 1 << 20;
    URI endpoint =
        endpoint(
            (requestLine, out) -> {
              if (noObjectLock(requestLine, out)) {
                return;
              }
              write(
                  out,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                      + "Content-Length: "
                      + 12 * mib
                      + "\r\n\r\n");
              byte[] chunk = new byte[mib];
              for (int i = 0; i < 12; i++) {
                Thread.sleep(400);
                out.write(chunk);
                out.flush();
              }
            });
    store(endpoint).deadline(Duration.ofMinutes(1)).abortUploadsOlderThan(null).build().close();
    try (S3ObjectStore store =
            store(endpoint)
                .deadline(Duration.ofSeconds(3))
                .partSize(S3ObjectStore.MIN_PART_SIZE)
                .abortUploadsOlderThan(null)
                .build();
        InputStream in = store.get("t/doc")) {
      assertThat(in.readAllBytes()).hasSize(12 * mib);
    }
  }

  /**
   * Closing a download before its end drops the connection: draining what is left would let a
   * dripping store hold close() as long as it likes.
   */
  @Test
  void get_whenClosedBeforeTheEndOfADrippingBody_returnsAtOnce() throws Exception {
    URI endpoint =
        endpoint(
            (requestLine, out) -> {
              if (noObjectLock(requestLine, out)) {
                return;
              }
              write(
                  out,
                  "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                      + "Content-Length: 1000000\r\n\r\nXX");
              out.flush();
              while (true) {
                Thread.sleep(100);
                out.write('X');
                out.flush();
              }
            });
    try (S3ObjectStore store =
        store(endpoint).deadline(Duration.ofMinutes(10)).abortUploadsOlderThan(null).build()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            InputStream in = store.get("t/doc");
            assertThat(in.read()).isEqualTo('X');
            in.close();
          });
    }
  }
}
