package fr.socle.testkit.payfip;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A merchant endpoint that records the notifications it receives and answers 200. */
final class NotificationReceiver implements AutoCloseable {
  record Received(String method, String rawQuery, String contentType, String body) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();

  NotificationReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext(
        "/notif",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(
                new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notif");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
