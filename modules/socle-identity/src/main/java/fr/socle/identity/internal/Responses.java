package fr.socle.identity.internal;

import fr.socle.core.SocleException;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.json.Json;
import fr.socle.identity.IdentityProviderException;
import java.util.Map;

/** Reads provider responses that must be JSON objects, failing closed on anything else. */
public final class Responses {
  private Responses() {}

  /**
   * Returns the response's JSON object, or throws a typed error naming what came instead.
   *
   * @param response the response
   * @param what the endpoint, for messages
   * @param json the JSON facade
   * @return the object
   * @throws IdentityProviderException on an error status, a non-JSON body or invalid JSON
   */
  public static Map<String, Object> jsonObject(HttpResponse response, String what, Json json) {
    String type = response.mediaType().orElse("none");
    boolean isJson = type.equals("application/json") || type.endsWith("+json");
    if (!response.isSuccessful()) {
      String error = null;
      if (isJson) {
        try {
          Object e = parse(response, json).get("error");
          error = e instanceof String s ? printable(s) : null;
        } catch (RuntimeException ignored) {
          // an unreadable error body: the status says enough
        }
      }
      throw new IdentityProviderException(
          what + " endpoint answered an error",
          response.status(),
          error,
          response.correlationId().orElse(null));
    }
    if (!isJson) {
      throw new IdentityProviderException(
          what + " endpoint answered " + type + " instead of JSON",
          response.status(),
          null,
          response.correlationId().orElse(null));
    }
    try {
      return parse(response, json);
    } catch (SocleException | ClassCastException e) {
      throw new IdentityProviderException(
          what + " endpoint answered invalid JSON",
          response.status(),
          null,
          response.correlationId().orElse(null),
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(HttpResponse response, Json json) {
    Map<String, Object> value = json.read(response.body(), Map.class);
    if (value == null) {
      throw new ClassCastException("not a JSON object");
    }
    return value;
  }

  /** Keeps provider-sent codes printable and short. */
  private static String printable(String value) {
    String s = value.length() > 100 ? value.substring(0, 100) : value;
    return s.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
