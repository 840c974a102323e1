package fr.socle.identity.internal;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import fr.socle.core.SocleException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * Lets Nimbus fetch key sets through Socle's transport (timeouts, size cap, proxy, trust store).
 * Any failure is an {@link IOException}, which Nimbus's outage-tolerant cache expects.
 */
public final class TransportResourceRetriever implements ResourceRetriever {
  /** A key set with a handful of keys is a few KiB. */
  static final long MAX_BYTES = 512 * 1024;

  private final HttpTransport http;

  /**
   * Creates the retriever.
   *
   * @param http the transport
   */
  public TransportResourceRetriever(HttpTransport http) {
    this.http = http;
  }

  @Override
  public Resource retrieveResource(URL url) throws IOException {
    HttpResponse response;
    try {
      response =
          http.execute(
              HttpRequest.get(url.toURI())
                  .header("Accept", "application/jwk-set+json, application/json")
                  .maxResponseBytes(MAX_BYTES)
                  .build());
    } catch (SocleException | URISyntaxException e) {
      throw new IOException("key set could not be fetched: " + e.getMessage(), e);
    }
    if (!response.isSuccessful()) {
      throw new IOException("key set endpoint answered HTTP " + response.status());
    }
    String type = response.mediaType().orElse("");
    if (!(type.equals("application/json") || type.endsWith("+json"))) {
      throw new IOException("key set endpoint answered " + type + " instead of JSON");
    }
    return new Resource(response.bodyAsString(), type);
  }
}
