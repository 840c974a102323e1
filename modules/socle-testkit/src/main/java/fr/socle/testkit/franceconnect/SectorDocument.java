package fr.socle.testkit.franceconnect;

import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a sector_identifier_uri document: a JSON array of redirect URIs (OIDC Registration). */
final class SectorDocument {
  private SectorDocument() {}

  static List<String> fetch(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean loopback =
        "127.0.0.1".equals(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost());
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new IllegalStateException("sector_identifier_uri must use https");
    }
    try (HttpTransport http =
            HttpTransport.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(5))
                .maxResponseBytes(64 * 1024)
                .maxRetries(0)
                .applicationName("socle-franceconnect-simulator")
                .build();
        Json json = Json.create()) {
      HttpResponse response =
          http.execute(HttpRequest.get(uri).header("Accept", "application/json").build())
              .requireSuccess("sector identifier document");
      Object doc = json.read(response.bodyAsString(), Object.class);
      List<String> uris = new ArrayList<>();
      if (doc instanceof List<?> list) {
        for (Object o : list) {
          if (!(o instanceof String s)) {
            throw new IllegalStateException("sector identifier document lists a non-string");
          }
          uris.add(s);
        }
        return uris;
      }
      throw new IllegalStateException("sector identifier document is not a JSON array");
    }
  }
}
