package fr.socle.testkit.franceconnect;

import fr.socle.core.InvalidInputException;
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

  /**
   * What pairwise subjects are computed for: the host of the registered sector_identifier_uri
   * (OpenID Connect Core section 8.1), so that every client of one sector gets the same {@code
   * sub}; without one, the client itself. The sector document is fetched and must list every
   * registered redirect URI, as the platform checks at registration.
   */
  static String pairwiseSector(URI sectorIdentifierUri, Registration registration) {
    if (sectorIdentifierUri == null) {
      return registration.clientId();
    }
    List<String> listed = fetch(sectorIdentifierUri);
    for (String uri : registration.redirectUris()) {
      if (!listed.contains(uri)) {
        throw new InvalidInputException(
            "the sectorIdentifierUri document must list every registered redirect URI");
      }
    }
    return "sector:" + sectorIdentifierUri.getHost();
  }

  static List<String> fetch(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean loopback =
        "127.0.0.1".equals(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost());
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new InvalidInputException(
          "sectorIdentifierUri must use https (http on a loopback address)");
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
            throw new InvalidInputException(
                "the sectorIdentifierUri document must be a JSON array of URIs");
          }
          uris.add(s);
        }
        return uris;
      }
      throw new InvalidInputException(
          "the sectorIdentifierUri document must be a JSON array of URIs");
    }
  }
}
