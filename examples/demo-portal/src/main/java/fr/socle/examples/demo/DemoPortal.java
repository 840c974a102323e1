package fr.socle.examples.demo;

import fr.socle.core.Secret;
import fr.socle.examples.demo.communes.CommunesFeature;
import fr.socle.examples.demo.documents.DocumentsFeature;
import fr.socle.examples.demo.identity.IdentityFeature;
import fr.socle.examples.demo.onceonly.OnceOnlyFeature;
import fr.socle.examples.demo.payment.PaymentFeature;
import fr.socle.examples.demo.web.Layout;
import fr.socle.examples.demo.web.SecurityHeadersFilter;
import fr.socle.examples.demo.web.StaticServlet;
import fr.socle.refdata.Territories;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Mairie de Démo": a small citizen portal on embedded Jetty that wires Socle's blocks the way a
 * vendor would, each against its in-process simulator unless the environment points it at the real
 * service (see {@link DemoConfig}).
 *
 * <p>Start it with {@code java -jar demo-portal.jar}, or from code with {@link #start(DemoConfig)}
 * (the end-to-end tests do). Thread-safe; {@link #close()} stops the server and every simulator.
 */
public final class DemoPortal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoPortal.class);

  private final Server server;
  private final String url;
  private final List<Feature> features;

  private DemoPortal(Server server, String url, List<Feature> features) {
    this.server = server;
    this.url = url;
    this.features = features;
  }

  /**
   * Starts the portal from the environment and prints the address to open.
   *
   * @param args unused
   * @throws Exception if the portal cannot start
   */
  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    DemoConfig config;
    try {
      config = DemoConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("Configuration invalide : " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoPortal portal;
    try {
      portal = start(config);
    } catch (IOException e) {
      if (e.getCause() instanceof BindException || e instanceof BindException) {
        System.err.println(
            "Le port "
                + config.port()
                + " est déjà utilisé : choisissez-en un autre avec SOCLE_DEMO_PORT.");
        System.exit(2);
        return;
      }
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "demo-portal-shutdown"));
    portal.printBanner(System.out, (System.nanoTime() - started) / 1_000_000);
    portal.server.join();
  }

  /**
   * Starts the portal and the simulators its configuration calls for.
   *
   * @param config the configuration; port 0 picks a free port
   * @return the running portal
   * @throws Exception if a port is taken or a block cannot start
   */
  public static DemoPortal start(DemoConfig config) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("demo-portal");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    // Loopback unless a public URL says the portal sits behind a reverse proxy.
    connector.setHost(config.publicUrl().isPresent() ? null : "127.0.0.1");
    connector.setPort(config.port());
    server.addConnector(connector);
    // Bound before the blocks are built: their redirect URIs need the real port.
    connector.open();
    String url = config.baseUrl(connector.getLocalPort());

    List<Feature> features = new ArrayList<>();
    // The blocks start in parallel (simulators generate keys, the safe loads Tink, the ledger
    // migrates its schema): start-up then takes as long as the slowest, not the sum.
    ExecutorService starter = Executors.newFixedThreadPool(3, DemoPortal::starterThread);
    try {
      // Loaded on first use (by the background warm-up), not while the portal starts.
      Supplier<Territories> territories = Territories::embedded;
      Secret transactionKey =
          config.transactionKey().orElseGet(IdentityFeature::randomTransactionKey);
      List<Future<Feature>> starting =
          List.of(
              starter.submit(
                  timed(
                      "identity",
                      () ->
                          config
                              .identity()
                              .map(
                                  real ->
                                      IdentityFeature.real(real, url, transactionKey, territories))
                              .orElseGet(
                                  () ->
                                      IdentityFeature.simulated(
                                          url, transactionKey, territories)))),
              starter.submit(
                  timed(
                      "payment",
                      () ->
                          config
                              .payfip()
                              .map(
                                  real ->
                                      PaymentFeature.real(
                                          real, url, config.storageDir(), config.reconcileEvery()))
                              .orElseGet(
                                  () ->
                                      PaymentFeature.simulated(
                                          url, config.storageDir(), config.reconcileEvery())))),
              starter.submit(timed("documents", () -> DocumentsFeature.open(config))));
      Exception failure = null;
      for (Future<Feature> future : starting) {
        try {
          features.add(future.get());
        } catch (ExecutionException e) {
          Exception cause = e.getCause() instanceof Exception ex ? ex : e;
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      features.add(new CommunesFeature(territories));
      features.add(
          OnceOnlyFeature.simulated(
              features.stream()
                  .filter(IdentityFeature.class::isInstance)
                  .map(IdentityFeature.class::cast)
                  .findFirst()
                  .flatMap(IdentityFeature::simulator)));
      Layout layout = new Layout();
      ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
      context.setContextPath("/");
      configureSessions(context.getSessionHandler(), url);
      context.addFilter(
          new FilterHolder(new SecurityHeadersFilter()),
          "/*",
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
      context.addServlet(new ServletHolder(new StaticServlet()), "/static/*");
      for (Feature feature : features) {
        feature.register(context, layout);
      }
      context.addServlet(new ServletHolder(new AboutServlet(layout, features)), "/a-propos");
      context.addServlet(new ServletHolder(new HomeServlet(layout, features)), "/");
      server.setHandler(context);
      server.setStopAtShutdown(false);
      server.start();
      features.forEach(Feature::started);
      return new DemoPortal(server, url, List.copyOf(features));
    } catch (Exception e) {
      closeQuietly(features);
      server.stop();
      throw e;
    } finally {
      starter.shutdown();
    }
  }

  private static Thread starterThread(Runnable task) {
    Thread thread = new Thread(task, "demo-portal-start");
    thread.setDaemon(true);
    return thread;
  }

  private static Callable<Feature> timed(String name, Callable<Feature> start) {
    return () -> {
      long begin = System.nanoTime();
      Feature feature = start.call();
      LOG.debug("{} ready in {} ms", name, (System.nanoTime() - begin) / 1_000_000);
      return feature;
    };
  }

  private static void configureSessions(SessionHandler sessions, String url) {
    sessions.setSessionCookie("MAIRIE_SESSION");
    sessions.setHttpOnly(true);
    sessions.setSameSite(HttpCookie.SameSite.LAX);
    sessions.setSecureRequestOnly(url.startsWith("https:"));
    sessions.setMaxInactiveInterval(30 * 60);
    sessions.setUsingUriParameters(false);
  }

  /**
   * Returns the address to open in a browser.
   *
   * @return the portal's base URL, without a trailing slash
   */
  public String url() {
    return url;
  }

  <T extends Feature> Optional<T> feature(Class<T> type) {
    return features.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  void printBanner(PrintStream out, long startMillis) {
    out.println();
    out.println("  Mairie de Démo est prête (démarrage en " + startMillis + " ms).");
    out.println();
    for (Feature feature : features) {
      for (String line : feature.describe()) {
        out.println("  - " + line);
      }
    }
    out.println();
    out.println("  Ouvrez " + url + "/ dans votre navigateur. Ctrl+C pour arrêter.");
    out.println();
  }

  /** Stops the server, then every block and simulator. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("portal did not stop cleanly", e);
    }
    closeQuietly(features);
  }

  private static void closeQuietly(List<Feature> features) {
    for (Feature feature : features) {
      try {
        feature.close();
      } catch (Exception e) {
        LOG.warn("{} did not close cleanly", feature.getClass().getSimpleName(), e);
      }
    }
  }
}
