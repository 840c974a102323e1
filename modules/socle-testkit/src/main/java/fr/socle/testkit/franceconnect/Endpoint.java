package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One endpoint of the simulator, reached through {@link SimulatorEndpoints}' routes. */
interface Endpoint {
  /**
   * Answers one request.
   *
   * @param ex the exchange, closed by the router
   * @param method the upper-case HTTP method
   * @throws IOException if the answer cannot be written
   */
  void handle(HttpExchange ex, String method) throws IOException;

  /** This endpoint behind a GET-only guard (405 with {@code Allow: GET} otherwise). */
  default Endpoint getOnly() {
    return (ex, method) -> {
      if (!"GET".equals(method)) {
        ex.getResponseHeaders().set("Allow", "GET");
        Exchanges.send(ex, 405, "text/plain; charset=utf-8", "method not allowed");
        return;
      }
      handle(ex, method);
    };
  }
}
