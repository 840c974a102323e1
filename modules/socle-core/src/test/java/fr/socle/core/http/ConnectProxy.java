package fr.socle.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal in-process HTTP proxy that only tunnels ({@code CONNECT}), as corporate proxies do for
 * HTTPS. It answers 407 until the expected {@code Proxy-Authorization} is sent, and records every
 * request head it receives, so a test can check what went over the wire to the proxy.
 */
final class ConnectProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String expectedAuthorization;
  final List<String> heads = new CopyOnWriteArrayList<>();

  /**
   * Starts the proxy on a free loopback port.
   *
   * @param expectedAuthorization the {@code Proxy-Authorization} value to require, or null for none
   */
  ConnectProxy(String expectedAuthorization) throws IOException {
    this.expectedAuthorization = expectedAuthorization;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "connect-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "connect-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        heads.add(head);
        String[] requestLine = head.split("\r\n", 2)[0].split(" ");
        if (!"CONNECT".equals(requestLine[0])) {
          write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
          continue;
        }
        if (expectedAuthorization != null
            && !head.contains("\r\nProxy-Authorization: " + expectedAuthorization + "\r\n")) {
          write(
              out,
              "HTTP/1.1 407 Proxy Authentication Required\r\n"
                  + "Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\n\r\n");
          continue;
        }
        String[] target = requestLine[1].split(":");
        try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
          write(out, "HTTP/1.1 200 Connection established\r\n\r\n");
          Thread pump =
              new Thread(
                  () -> {
                    try {
                      upstream.getInputStream().transferTo(out);
                    } catch (IOException ignored) {
                      // the client went away
                    }
                  });
          pump.setDaemon(true);
          pump.start();
          in.transferTo(upstream.getOutputStream());
        }
        return;
      }
    } catch (IOException ignored) {
      // the test is over
    }
  }

  /** Reads a request head up to the blank line, byte by byte so no tunnel byte is swallowed. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
