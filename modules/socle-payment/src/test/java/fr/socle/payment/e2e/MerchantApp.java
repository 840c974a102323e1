package fr.socle.payment.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.socle.payment.Payment;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.Payments;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vendor's application as a PayFiP integration guide would write it: a notification endpoint and
 * a return page, both reading the operation id whatever its spelling and method, plus a fulfilment
 * listener that counts how many times each payment is fulfilled.
 */
final class MerchantApp implements PaymentListener, AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> fulfilments = new ConcurrentHashMap<>();
  private final AtomicInteger notificationsReceived = new AtomicInteger();
  private final AtomicInteger notificationsFailed = new AtomicInteger();
  private volatile Payments payments;

  MerchantApp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.createContext("/payfip/notification", this::notification);
    server.createContext("/payfip/retour", this::returnPage);
    server.setExecutor(executor);
    server.start();
  }

  URI notificationUrl() {
    return URI.create(base() + "/payfip/notification");
  }

  URI returnUrl() {
    return URI.create(base() + "/payfip/retour");
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void use(Payments payments) {
    this.payments = payments;
  }

  @Override
  public void onPaid(Payment payment) {
    fulfilments.computeIfAbsent(payment.idOp(), k -> new AtomicInteger()).incrementAndGet();
  }

  int fulfilments(String idOp) {
    AtomicInteger n = fulfilments.get(idOp);
    return n == null ? 0 : n.get();
  }

  int totalFulfilments() {
    return fulfilments.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int notificationsReceived() {
    return notificationsReceived.get();
  }

  int notificationsFailed() {
    return notificationsFailed.get();
  }

  /** PayFiP's call: always 200, quickly; a failed lookup is left to the reconciliation. */
  private void notification(HttpExchange exchange) throws IOException {
    try (exchange) {
      notificationsReceived.incrementAndGet();
      Optional<String> idOp = Payments.idOpFrom(parameters(exchange));
      if (idOp.isPresent()) {
        try {
          payments.onNotification(idOp.get());
        } catch (RuntimeException e) {
          notificationsFailed.incrementAndGet();
        }
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The payer's browser coming back: shows the state. */
  private void returnPage(HttpExchange exchange) throws IOException {
    try (exchange) {
      Optional<String> idOp = Payments.idOpFrom(parameters(exchange));
      String state;
      try {
        state = idOp.map(id -> payments.onReturn(id).state().name()).orElse("NO-IDOP");
      } catch (RuntimeException e) {
        state = "ERROR " + e.getClass().getSimpleName();
      }
      byte[] body = state.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Query string and form body together, as a servlet's getParameterMap() would give them. */
  private static Map<String, List<String>> parameters(HttpExchange exchange) throws IOException {
    Map<String, List<String>> params = new HashMap<>();
    add(params, exchange.getRequestURI().getRawQuery());
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if ("POST".equals(exchange.getRequestMethod())
        && type != null
        && type.startsWith("application/x-www-form-urlencoded")) {
      add(
          params,
          new String(exchange.getRequestBody().readNBytes(8192), StandardCharsets.US_ASCII));
    }
    return params;
  }

  private static void add(Map<String, List<String>> params, String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params
            .computeIfAbsent(
                URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                k -> new ArrayList<>())
            .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
