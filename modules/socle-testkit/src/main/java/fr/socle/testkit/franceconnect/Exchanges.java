package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import fr.socle.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the simulator's endpoints read requests and answer: JSON errors, error pages, redirects. */
final class Exchanges {
  private final Json json;

  Exchanges(Json json) {
    this.json = json;
  }

  /** Query (GET) or form body (POST) parameters; null when an answer has already been sent. */
  Map<String, String> requestParameters(HttpExchange ex, String method)
      throws IOException, Forms.DuplicateParameterException {
    if ("GET".equals(method)) {
      return Forms.parse(ex.getRequestURI().getRawQuery());
    }
    if ("POST".equals(method)) {
      return Forms.parse(Forms.readBody(ex.getRequestBody()));
    }
    errorPage(ex, 405, "Y000400", "Méthode non supportée");
    return null;
  }

  /** The form body of a back-channel request; null when an error has already been sent. */
  Map<String, String> formBody(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      oauthError(ex, 400, "invalid_request", "only application/x-www-form-urlencoded is supported");
      return null;
    }
    try {
      return Forms.parse(Forms.readBody(ex.getRequestBody()));
    } catch (Forms.DuplicateParameterException e) {
      oauthError(ex, 400, "invalid_request", e.getMessage());
      return null;
    } catch (Forms.BodyTooLargeException e) {
      oauthError(ex, 400, "invalid_request", "request body too large");
      return null;
    }
  }

  void oauthError(HttpExchange ex, int status, String error, String description)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    sendJson(ex, status, body);
  }

  void errorPage(HttpExchange ex, int status, String code, String message) throws IOException {
    send(ex, status, "text/html; charset=utf-8", Html.errorPage(code, message));
  }

  void technicalError(HttpExchange ex, int status) throws IOException {
    send(ex, status, "text/html; charset=utf-8", Html.technicalError());
  }

  static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", URI.create(location).toASCIIString());
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(303, -1);
  }

  void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json; charset=utf-8", json.writeString(body));
  }

  static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }
}
