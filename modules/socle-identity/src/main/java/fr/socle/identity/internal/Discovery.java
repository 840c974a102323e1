package fr.socle.identity.internal;

import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.json.Json;
import fr.socle.identity.IdentityProviderException;
import fr.socle.identity.ProviderConfigurationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Fetches and validates an OpenID Provider discovery document. */
public final class Discovery {
  /** Discovery documents are a few KiB; anything much larger is not one. */
  static final long MAX_BYTES = 256 * 1024;

  private Discovery() {}

  /**
   * Fetches the document and checks it.
   *
   * @param http the transport
   * @param discoveryUri the document's address
   * @param expectedIssuer the issuer the document must state, exactly (OpenID Connect Discovery
   *     section 4.3: this is what stops a mix-up before any redirect)
   * @param json the JSON facade
   * @return the metadata
   * @throws ProviderConfigurationException if the issuer differs or an endpoint is unusable
   * @throws IdentityProviderException if the provider answered an error or not JSON
   */
  public static ProviderMetadata fetch(
      HttpTransport http, URI discoveryUri, String expectedIssuer, Json json) {
    HttpResponse response =
        http.execute(
            HttpRequest.get(discoveryUri)
                .header("Accept", "application/json")
                .maxResponseBytes(MAX_BYTES)
                .build());
    Map<String, Object> doc = Responses.jsonObject(response, "discovery", json);
    return parse(doc, expectedIssuer);
  }

  static ProviderMetadata parse(Map<String, Object> doc, String expectedIssuer) {
    Object issuer = doc.get("issuer");
    if (!(issuer instanceof String) || !expectedIssuer.equals(issuer)) {
      throw new ProviderConfigurationException(
          "discovery document's issuer is not the expected issuer " + expectedIssuer);
    }
    return new ProviderMetadata(
        (String) issuer,
        endpoint(doc, "authorization_endpoint", true),
        endpoint(doc, "token_endpoint", true),
        endpoint(doc, "userinfo_endpoint", false),
        endpoint(doc, "jwks_uri", true),
        endpoint(doc, "end_session_endpoint", false),
        strings(doc, "code_challenge_methods_supported"),
        Boolean.TRUE.equals(doc.get("authorization_response_iss_parameter_supported")),
        strings(doc, "token_endpoint_auth_methods_supported"));
  }

  private static URI endpoint(Map<String, Object> doc, String name, boolean required) {
    Object value = doc.get(name);
    if (value == null) {
      if (required) {
        throw new ProviderConfigurationException("discovery document has no " + name);
      }
      return null;
    }
    if (!(value instanceof String)) {
      throw new ProviderConfigurationException("discovery document's " + name + " is not a URI");
    }
    URI uri;
    try {
      uri = URI.create((String) value);
    } catch (IllegalArgumentException e) {
      throw new ProviderConfigurationException("discovery document's " + name + " is not a URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean loopback =
        uri.getHost() != null
            && (uri.getHost().equals("127.0.0.1")
                || uri.getHost().equalsIgnoreCase("localhost")
                || uri.getHost().equals("[::1]"));
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
      throw new ProviderConfigurationException(
          "discovery document's " + name + " must be an absolute https URI");
    }
    return uri;
  }

  private static List<String> strings(Map<String, Object> doc, String name) {
    Object value = doc.get(name);
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    } else if (value != null) {
      throw new ProviderConfigurationException("discovery document's " + name + " is not a list");
    }
    return out;
  }
}
