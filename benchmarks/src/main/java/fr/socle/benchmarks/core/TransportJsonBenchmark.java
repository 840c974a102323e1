package fr.socle.benchmarks.core;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Claim: socle-core's transport and JSON facade add little over raw HttpClient 5 + Yasson when
 * fetching and decoding a 2 KB JSON document from a loopback server. Both sides do the same work in
 * the same run: one GET on a pooled keep-alive connection, read the body, bind it to the same
 * record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransportJsonBenchmark {

  /** One commune of a search result. */
  public record Commune(
      String code,
      String nom,
      String codeDepartement,
      String codeRegion,
      String siren,
      String codeEpci,
      long population,
      List<String> codesPostaux) {}

  /** The decoded document. */
  public record Page(int total, String millesime, List<Commune> communes) {}

  static {
    // The JDK server writes headers and body in separate segments: without TCP_NODELAY, Nagle plus
    // delayed ACK add ~40 ms to every exchange and both sides would measure that artefact.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final byte[] DOCUMENT = document();

  private HttpServer server;
  private URI uri;
  private HttpTransport socle;
  private Json json;
  private CloseableHttpClient raw;
  private Jsonb jsonb;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/communes",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, DOCUMENT.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(DOCUMENT);
          }
        });
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/communes");
    socle = HttpTransport.builder().build();
    json = Json.create();
    raw = HttpClients.createDefault();
    jsonb = JsonbBuilder.create();
    if (!socleGetAndDecode().equals(rawGetAndDecode())) {
      throw new IllegalStateException("both sides must decode the same document");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    socle.close();
    json.close();
    raw.close();
    jsonb.close();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  /** Socle: HttpTransport (size cap, retry strategy, redaction) + Json facade. */
  @Benchmark
  public Page socleGetAndDecode() {
    return json.read(socle.execute(HttpRequest.get(uri).build()).body(), Page.class);
  }

  /** Baseline: raw HttpClient 5 classic + Yasson, default settings. */
  @Benchmark
  public Page rawGetAndDecode() throws IOException {
    return raw.execute(
        new HttpGet(uri),
        response ->
            jsonb.fromJson(
                new java.io.ByteArrayInputStream(EntityUtils.toByteArray(response.getEntity())),
                Page.class));
  }

  private static byte[] document() {
    List<Commune> communes = new ArrayList<>();
    String[] names = {
      "Saint-Étienne", "Sainte-Geneviève-des-Bois", "Saint-Denis", "Saint-Maur-des-Fossés",
      "Saint-Nazaire", "Saint-Quentin", "Saint-Priest", "Saint-Malo",
      "Saint-Herblain", "Saint-Brieuc", "Sainte-Foy-lès-Lyon"
    };
    for (int i = 0; i < names.length; i++) {
      communes.add(
          new Commune(
              String.format("%05d", 42218 + i * 1111),
              names[i],
              String.format("%02d", 42 + i),
              "84",
              "214202186",
              "244200770",
              170_000 - i * 9_000,
              List.of(String.format("%05d", 42000 + i * 100), String.format("%05d", 42100 + i))));
    }
    // Not a try-with-resources: Jsonb.close() declares Exception, which includes
    // InterruptedException (javac's "try" lint).
    Jsonb b = JsonbBuilder.create();
    try {
      byte[] bytes =
          b.toJson(new Page(communes.size(), "COG 2026", communes))
              .getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 1500 || bytes.length > 2600) {
        throw new IllegalStateException("document should be about 2 KB, is " + bytes.length);
      }
      b.close();
      return bytes;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
