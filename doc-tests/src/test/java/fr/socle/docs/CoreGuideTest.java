package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.Secret;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.LocalKeyEncryptionKeys;
import fr.socle.storage.spi.KeyEncryptionKeys;
import fr.socle.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples of docs/core.md, run (the build sets FC_CLIENT_SECRET); its "Configuring HTTP"
 * examples are in {@link CoreHttpExamplesTest}.
 */
class CoreGuideTest {
  private static final Logger log = LoggerFactory.getLogger(CoreGuideTest.class);

  /** What the guide's API Géo example reads. */
  public record Commune(String nom, String code) {}

  @TempDir Path temp;

  @Test
  void secret_isRedactedUntilRevealed() {
    // snippet: core-secret
    Secret clientSecret = Secret.of(System.getenv("FC_CLIENT_SECRET"));
    log.info("configured with {}", clientSecret); // configured with Secret[redacted]
    String value = clientSecret.reveal(); // explicit, greppable
    // end snippet
    assertThat(clientSecret).hasToString("Secret[redacted]");
    assertThat(value).isEqualTo(System.getenv("FC_CLIENT_SECRET"));
  }

  @Test
  void objectsYouGive_stayYours() throws Exception {
    Path dir = temp.resolve("coffre");
    KeyEncryptionKeys keys = LocalKeyEncryptionKeys.open(temp.resolve("keys"));
    // snippet: core-objects-stay-yours
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir); // yours: you close it, last
        DocumentSafe safe =
            DocumentSafe.builder().objectStore(store).keyEncryptionKeys(keys).build()) {
      safe.deposit(
          DepositRequest.builder("21750001600019", "etat-civil")
              .id("acte-1")
              .depositor("agent-7")
              .build(),
          new ByteArrayInputStream("acte".getBytes(StandardCharsets.UTF_8)));
    }
    // end snippet
    // The store was closed once, by its owner: the directory can be opened again.
    try (FileSystemObjectStore again = FileSystemObjectStore.open(dir)) {
      assertThat(again.list("")).isNotEmpty();
    }
  }

  @Test
  void execute_readsAnAnswer() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/communes/75056",
        exchange -> {
          byte[] body = "{\"nom\":\"Paris\",\"code\":\"75056\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    // https://geo.api.gouv.fr in the guide; a local stand-in here
    URI geoApi = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (HttpTransport http = HttpTransport.create();
        Json json = Json.create()) {
      // snippet: core-http-execute
      HttpResponse response =
          http.execute(
              HttpRequest.get(geoApi.resolve("/communes/75056"))
                  .header("Accept", "application/json")
                  .build());
      Commune paris = json.read(response.requireSuccess("API Géo lookup").body(), Commune.class);
      // end snippet
      assertThat(paris).isEqualTo(new Commune("Paris", "75056"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void testClock_isMovedByTheTest() {
    // snippet: core-test-clock
    TestClock clock = TestClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    clock.advance(Duration.ofMinutes(16)); // a PayFiP operation id has now expired
    // end snippet
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T10:16:00Z"));
  }
}
