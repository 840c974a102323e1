package fr.socle.identity.internal;

import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.identity.IdentityProviderException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the application's own {@code sector_identifier_uri} document (OpenID Connect Dynamic
 * Client Registration section 5): a JSON array of redirect URIs, which must include this client's.
 * FranceConnect computes pairwise subjects per sector when one is declared, and rejects a
 * registration whose redirect URIs are not all in the document (erreurs-oidc-provider.md, {@code
 * 046696C}, {@code 04DB11F}); it asks services not to list their logout URLs there.
 */
public final class SectorIdentifier {
  /** A sector document lists a few URLs; anything larger is not one. */
  static final long MAX_BYTES = 64 * 1024;

  private SectorIdentifier() {}

  /**
   * Fetches and checks the document.
   *
   * @param http the transport
   * @param json the JSON facade
   * @param sectorUri the document's URL
   * @param redirectUri the client's redirect URI, which must be listed
   * @param postLogoutRedirectUri the post-logout URI, which must not be listed; may be null
   * @throws IdentityProviderException if the document cannot be fetched or is not an array of
   *     strings
   * @throws SocleClientException if it does not list the redirect URI or lists the post-logout one
   */
  public static void verify(
      HttpTransport http, Json json, URI sectorUri, URI redirectUri, URI postLogoutRedirectUri) {
    HttpResponse response =
        http.execute(
            HttpRequest.get(sectorUri)
                .header("Accept", "application/json")
                .maxResponseBytes(MAX_BYTES)
                .build());
    if (!response.isSuccessful()) {
      throw new IdentityProviderException(
          "sector identifier document could not be fetched", response.status(), null, null);
    }
    Object doc;
    try {
      doc = json.read(response.bodyAsString(), Object.class);
    } catch (RuntimeException e) {
      throw new IdentityProviderException(
          "sector identifier document is not JSON", response.status(), null, null);
    }
    List<String> uris = new ArrayList<>();
    if (!(doc instanceof List<?> list)) {
      throw new IdentityProviderException(
          "sector identifier document is not a JSON array", response.status(), null, null);
    }
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new IdentityProviderException(
            "sector identifier document lists something else than a URI",
            response.status(),
            null,
            null);
      }
      uris.add(s);
    }
    if (!uris.contains(redirectUri.toString())) {
      throw new SocleClientException(
          "the sector identifier document does not list this client's redirect URI");
    }
    if (postLogoutRedirectUri != null && uris.contains(postLogoutRedirectUri.toString())) {
      throw new SocleClientException(
          "the sector identifier document lists the post-logout URI; FranceConnect asks for"
              + " redirect URIs only");
    }
  }
}
