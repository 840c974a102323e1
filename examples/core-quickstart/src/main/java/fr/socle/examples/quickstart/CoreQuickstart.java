package fr.socle.examples.quickstart;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.Redaction;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A tour of socle-core in one program: it starts a small JSON service on loopback, then reads it
 * with the shared HTTP transport and the JSON facade, and shows what Socle refuses (an oversized
 * body) and what it never prints (secrets, query strings).
 */
public final class CoreQuickstart {
  /** A commune as the local service returns it. */
  public record Commune(String code, String nom, long population) {}

  private CoreQuickstart() {}

  /**
   * Runs the tour.
   *
   * @param args unused
   * @throws IOException if the local server cannot start
   */
  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /**
   * Runs the tour, writing to the given stream.
   *
   * @param out where to write
   * @throws IOException if the local server cannot start
   */
  public static void run(PrintStream out) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/communes/75056",
        exchange ->
            respond(exchange, "{\"code\":\"75056\",\"nom\":\"Paris\",\"population\":2113705}"));
    server.createContext("/huge", exchange -> respond(exchange, "x".repeat(64 * 1024)));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try (HttpTransport http =
            HttpTransport.builder()
                .applicationName("socle-quickstart")
                .responseTimeout(Duration.ofSeconds(5))
                .maxResponseBytes(16 * 1024)
                .build();
        Json json = Json.create()) {
      out.println("Socle core quickstart — " + http);

      HttpResponse response =
          http.execute(
              HttpRequest.get(URI.create(base + "/communes/75056"))
                  .header("Accept", "application/json")
                  .build());
      Commune paris = json.read(response.body(), Commune.class);
      out.println("1. GET /communes/75056 -> " + response.status() + ", decoded " + paris);

      try {
        http.execute(HttpRequest.get(URI.create(base + "/huge")).build());
        out.println("2. oversized body accepted: this is a bug");
      } catch (SocleClientException e) {
        out.println("2. oversized body refused: " + e.getMessage());
      }

      Secret clientSecret = Secret.of("s3cr3t-from-the-environment");
      out.println("3. a secret prints as " + clientSecret);
      out.println(
          "4. a callback URL logs as "
              + Redaction.url(base + "/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj"));
    } finally {
      server.stop(0);
    }
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }
}
