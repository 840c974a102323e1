package fr.socle.refdata.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds request URLs with encoded path segments and query parameters. */
public final class Urls {
  private Urls() {}

  /**
   * Joins a base URL, a path and query parameters (null values left out).
   *
   * @param base the base URL, no trailing slash
   * @param path the path, starting with a slash; segments must already be safe
   * @param query the parameters, in order
   * @return the URL
   */
  public static URI of(URI base, String path, Map<String, ?> query) {
    StringBuilder b = new StringBuilder(base.toString()).append(path);
    char sep = path.indexOf('?') >= 0 ? '&' : '?';
    for (Map.Entry<String, ?> e : query.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue().toString()));
      sep = '&';
    }
    return URI.create(b.toString());
  }

  /**
   * Encodes a query component or path segment (spaces as {@code %20}).
   *
   * @param s the value
   * @return the encoded value
   */
  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
