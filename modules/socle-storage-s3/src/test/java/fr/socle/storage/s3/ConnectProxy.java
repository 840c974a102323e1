package fr.socle.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP proxy for tests: it tunnels {@code CONNECT} requests (what a client does for an
 * HTTPS endpoint), optionally demanding Basic credentials, and records what it saw. Anything else
 * is answered 405. Listens on a free loopback port.
 */
final class ConnectProxy implements AutoCloseable {
  /** The CONNECT targets, in order, including refused ones. */
  final List<String> connects = new CopyOnWriteArrayList<>();

  /** The Proxy-Authorization header of each CONNECT ("" when absent). */
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final String expected;

  ConnectProxy(String user, String password) throws IOException {
    this.expected =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.submit(() -> handle(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        List<String> head = readHead(in);
        if (head == null) {
          client.close();
          return;
        }
        String[] requestLine = head.get(0).split(" ");
        if (!requestLine[0].equals("CONNECT")) {
          out.write(
              "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          client.close();
          return;
        }
        String auth =
            head.stream()
                .filter(h -> h.regionMatches(true, 0, "Proxy-Authorization:", 0, 20))
                .map(h -> h.substring(20).strip())
                .findFirst()
                .orElse("");
        connects.add(requestLine[1]);
        authorizations.add(auth);
        if (expected != null && !expected.equals(auth)) {
          out.write(
              ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                      + "Proxy-Authenticate: Basic realm=\"socle\"\r\nContent-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        String[] target = requestLine[1].split(":");
        Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
        out.write(
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        threads.submit(() -> pump(upstream, client));
        pump(client, upstream);
        return;
      }
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // one side hung up
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }

  /** Reads a request head byte by byte (what follows a CONNECT is the tunnel's). */
  private static List<String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return List.of(head.toString(StandardCharsets.US_ASCII).strip().split("\r\n"));
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
