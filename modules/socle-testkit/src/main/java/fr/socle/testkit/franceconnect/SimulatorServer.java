package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running simulator: the HTTP server on 127.0.0.1, its worker threads, the endpoints and the
 * browser the test helpers drive. Created by {@link FranceConnectSimulator#start()}, closed by
 * {@link FranceConnectSimulator#close()}.
 */
final class SimulatorServer implements AutoCloseable {
  /** What the endpoints need besides the issuer, which is known once the port is bound. */
  interface EndpointsFactory {
    SimulatorEndpoints create(String issuer);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimulatorEndpoints endpoints;
  private final SimulatorBrowser browser;
  private final String issuer;

  private SimulatorServer(
      HttpServer server, ExecutorService executor, SimulatorEndpoints endpoints, String issuer) {
    this.server = server;
    this.executor = executor;
    this.endpoints = endpoints;
    this.issuer = issuer;
    this.browser = new SimulatorBrowser(issuer);
  }

  /**
   * Binds the port (0 for a free one) and starts serving.
   *
   * @throws IOException if the port cannot be bound
   */
  static SimulatorServer start(int port, EndpointsFactory factory) throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    try {
      String iss = "http://127.0.0.1:" + s.getAddress().getPort() + SimulatorEndpoints.BASE;
      SimulatorEndpoints handler = factory.create(iss);
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "franceconnect-simulator-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      s.createContext("/", handler);
      s.setExecutor(pool);
      s.start();
      return new SimulatorServer(s, pool, handler, iss);
    } catch (RuntimeException e) {
      s.stop(0);
      throw e;
    }
  }

  String issuer() {
    return issuer;
  }

  SimulatorState state() {
    return endpoints.state();
  }

  SimulatorBrowser browser() {
    return browser;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    browser.close();
  }
}
