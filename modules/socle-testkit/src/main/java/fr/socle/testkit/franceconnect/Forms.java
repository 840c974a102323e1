package fr.socle.testkit.franceconnect;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} and query strings, both ways. */
final class Forms {
  static final int MAX_BODY_BYTES = 64 * 1024;

  private Forms() {}

  /** Thrown when a parameter is repeated, which OAuth 2.0 forbids (RFC 6749 §3.1). */
  static final class DuplicateParameterException extends Exception {
    private static final long serialVersionUID = 1L;

    DuplicateParameterException(String name) {
      super("parameter provided twice: " + name);
    }
  }

  static Map<String, String> parse(String encoded) throws DuplicateParameterException {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (params.putIfAbsent(name, value) != null) {
        throw new DuplicateParameterException(name);
      }
    }
    return params;
  }

  /** A request body over {@link #MAX_BODY_BYTES}. */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super("request body too large");
    }
  }

  static String readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      // Read (a bounded amount of) the rest so the client finishes sending and sees the answer.
      long drained = 0;
      byte[] sink = new byte[8192];
      int n;
      while (drained < 1024 * 1024 && (n = in.read(sink)) > 0) {
        drained += n;
      }
      throw new BodyTooLargeException();
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  static String encode(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }

  /** Appends parameters to a URI that may already have a query string. */
  static String appendQuery(String uri, Map<String, String> params) {
    return uri + (uri.contains("?") ? "&" : "?") + encode(params);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
