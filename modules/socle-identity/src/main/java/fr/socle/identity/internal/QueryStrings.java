package fr.socle.identity.internal;

import fr.socle.identity.InvalidCallbackException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Query strings of the authorization, logout and callback URLs. */
public final class QueryStrings {
  private QueryStrings() {}

  /**
   * Appends parameters to an endpoint, keeping the query it may already have.
   *
   * @param endpoint the endpoint
   * @param params the parameters, in order
   * @return the URL
   */
  public static URI withQuery(URI endpoint, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(endpoint.toString());
    sb.append(endpoint.getRawQuery() == null ? '?' : '&');
    boolean first = true;
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (!first) {
        sb.append('&');
      }
      first = false;
      sb.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
    }
    return URI.create(sb.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Decodes a callback's query.
   *
   * @param rawQuery the raw query, or null
   * @return the parameters
   * @throws InvalidCallbackException if a parameter is repeated (a parameter pollution attempt)
   */
  public static Map<String, String> parse(String rawQuery) {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (out.put(name, value) != null) {
        throw new InvalidCallbackException(
            InvalidCallbackException.Reason.MALFORMED, "callback repeats parameter " + name);
      }
    }
    return out;
  }
}
