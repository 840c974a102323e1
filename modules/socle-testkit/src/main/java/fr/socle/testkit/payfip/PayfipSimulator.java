package fr.socle.testkit.payfip;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleException;
import fr.socle.core.SocleTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An in-process simulator of the DGFiP PayFiP "Régie web-service" service, for tests and demos.
 *
 * <p>It serves, like the real host, the SOAP 1.1 endpoint at {@code /tpa/services/securite} ({@code
 * creerPaiementSecurise}, {@code recupererDetailPaiementSecurise}, {@code recupererDetailClient},
 * with the real service's response shapes and faults) and the payment page at {@code
 * /tpa/paiementws.web?idop=...}, where the tester chooses what the payer does instead of typing a
 * card number. After the choice it notifies {@code urlnotif} server to server (a form POST carrying
 * only {@code idop}) and sends the browser back to {@code urlredirect?idop=...}.
 *
 * <p>Time-dependent rules follow the simulator's {@link Clock} (hand it a {@code
 * fr.socle.testkit.TestClock} to move time): the payment page opens only during the 15 minutes
 * after creation; until a result exists, {@code recupererDetailPaiementSecurise} answers fault P5;
 * an operation that never got a result disappears at the nightly purge (02:00 Paris time by
 * default), after which it answers P1; a result stays readable for a year.
 *
 * <p>It misbehaves on demand like the real service and its infrastructure: see {@link
 * Misbehaviour}.
 *
 * <pre>{@code
 * try (PayfipSimulator payfip = PayfipSimulator.builder().numcli("123456").start()) {
 *   URI endpoint = payfip.soapEndpoint();      // give it to the PayFiP client
 *   // ... the application creates a payment and gets an idOp ...
 *   payfip.complete(idOp, Outcome.CARD_PAID);  // what the payer clicks
 * }
 * }</pre>
 *
 * <p>Thread-safe. The HTTP server listens on the loopback interface only. Nothing here moves real
 * money or talks to the DGFiP.
 */
public final class PayfipSimulator implements AutoCloseable {
  /** The client number registered when the builder is given none ({@code 090909}). */
  public static final String DEFAULT_NUMCLI = "090909";

  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private static final Pattern NUMCLI = Pattern.compile("\\d{6}");

  static {
    // The JDK server flushes the response headers and the body in two writes; without TCP_NODELAY,
    // Nagle's algorithm holds the body until the client's delayed ACK, about 40 ms per call on
    // loopback. The property is read once, when the first JDK HttpServer starts; an explicit
    // setting by the application is left alone.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  private final int requestedPort;
  private final Clock clock;
  private final Map<String, List<String>> clients;
  private final OperationStore store;
  private final MisbehaviourBoard board = new MisbehaviourBoard();
  private Notifier notifier;
  private HttpServer server;
  private FrontDoor frontDoor;
  private ExecutorService executor;
  private boolean closed;

  private PayfipSimulator(Builder b) {
    this.requestedPort = b.port;
    this.clock = b.clock;
    Map<String, List<String>> c = new LinkedHashMap<>(b.clients);
    if (c.isEmpty()) {
      c.put(DEFAULT_NUMCLI, defaultLabels(DEFAULT_NUMCLI));
    }
    this.clients = Collections.unmodifiableMap(c);
    this.store = new OperationStore(clock, b.purgeTime);
  }

  /**
   * Starts configuring a simulator.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this simulator
   * @throws SocleClientException if already started or closed
   * @throws UncheckedIOException if the port cannot be bound
   */
  public synchronized PayfipSimulator start() {
    if (server != null || closed) {
      throw new SocleClientException("the simulator can be started once");
    }
    // The HttpServer listens on a private port; the public one is the front door, which can
    // reset a connection on demand.
    FrontDoor door;
    HttpServer s;
    try {
      door = new FrontDoor(requestedPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the PayFiP simulator", e);
    }
    try {
      s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      door.close();
      throw new UncheckedIOException("cannot start the PayFiP simulator", e);
    }
    notifier = new Notifier(clock, board);
    s.createContext(SoapService.PATH, new SoapService(store, clients, board, door));
    s.createContext(PaymentPage.PATH, new PaymentPage(this, store));
    s.createContext(
        "/",
        exchange -> {
          try (exchange) {
            SoapService.sendText(exchange, 404, "text/plain", "Not Found");
          }
        });
    executor = Executors.newCachedThreadPool(daemon("payfip-sim-http"));
    s.setExecutor(executor);
    s.start();
    door.open(s.getAddress());
    server = s;
    frontDoor = door;
    return this;
  }

  /** Stops serving, drops pending (delayed) notifications and frees the port. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      frontDoor.close();
      server.stop(0);
      executor.shutdownNow();
      notifier.close();
    }
  }

  /**
   * Returns the port the simulator listens on.
   *
   * @return the port
   * @throws SocleClientException if not started
   */
  public synchronized int port() {
    if (server == null) {
      throw new SocleClientException("the simulator is not started: call start() first");
    }
    return frontDoor.port();
  }

  /**
   * Returns the SOAP endpoint, {@code http://127.0.0.1:<port>/tpa/services/securite}.
   *
   * @return the endpoint URI
   * @throws SocleClientException if not started
   */
  public URI soapEndpoint() {
    return URI.create(base() + SoapService.PATH);
  }

  /**
   * Returns the payment page, {@code http://127.0.0.1:<port>/tpa/paiementws.web}, to which a client
   * appends {@code ?idop=<idOp>}.
   *
   * @return the page URI
   * @throws SocleClientException if not started
   */
  public URI paymentPageUrl() {
    return URI.create(base() + PaymentPage.PATH);
  }

  /**
   * Returns the payment page of one operation, where the payer's browser is sent.
   *
   * @param idOp the operation id
   * @return {@code paymentPageUrl()?idop=<idOp>}
   * @throws SocleClientException if not started
   */
  public URI paymentPageUrl(String idOp) {
    Objects.requireNonNull(idOp, "idOp");
    return URI.create(
        paymentPageUrl() + "?idop=" + URLEncoder.encode(idOp, StandardCharsets.UTF_8));
  }

  private String base() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
  }

  /**
   * Returns the registered client numbers (régies).
   *
   * @return the numcli values, in registration order
   */
  public Set<String> numclis() {
    return clients.keySet();
  }

  /**
   * Returns the clock the simulator reads time from.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Makes the simulator misbehave from now on; see {@link Misbehaviour}.
   *
   * @param misbehaviours what to do wrong
   */
  public void misbehave(Misbehaviour... misbehaviours) {
    for (Misbehaviour m : misbehaviours) {
      board.add(Objects.requireNonNull(m, "misbehaviour"));
    }
  }

  /** Stops every misbehaviour: the simulator behaves like the nominal real service again. */
  public void behave() {
    board.clear();
  }

  /**
   * Returns the misbehaviours still active.
   *
   * @return the active misbehaviours, in the order they were added
   */
  public List<Misbehaviour> misbehaviours() {
    return board.active();
  }

  /**
   * Stops every misbehaviour and forgets the notification log; operations are kept. The JUnit
   * extension calls it after each test.
   */
  public void reset() {
    board.clear();
    if (notifier != null) {
      notifier.clear();
    }
  }

  /**
   * Does what the payer does on the payment page: records the outcome, notifies {@code urlnotif}
   * (unless the outcome is {@link Outcome#NO_ANSWER} or a misbehaviour says otherwise) and returns
   * where the browser is sent back. Same rules as the page: the operation must be known, not
   * already paid or refused, and within its 15 minutes unless its page was opened in time; an
   * abandoned operation can be chosen again within its 15 minutes.
   *
   * @param idOp the operation id returned by {@code creerPaiementSecurise}
   * @param outcome what the payer does
   * @return the redirect and the notifications made
   * @throws InvalidInputException if the operation is unknown, purged, expired or already closed
   * @throws SocleClientException if the simulator is not started
   */
  public Completion complete(String idOp, Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    Notifier n = notifierOrFail();
    Operation op =
        store
            .find(idOp)
            .orElseThrow(
                () -> new RefusedChoiceException("unknown", "unknown or purged operation"));
    synchronized (op) {
      if (op.closed()) {
        throw new RefusedChoiceException(
            "closed", "operation already processed: a new idOp is needed");
      }
      boolean abandoned = op.outcome().isPresent();
      if (store.pageExpired(op) && (abandoned || !op.opened())) {
        throw new RefusedChoiceException(
            "expired", "operation expired (15 minutes after creation)");
      }
      if (outcome == Outcome.NO_ANSWER) {
        op.markOpened();
        return new Completion(op.idOp, outcome, Optional.empty(), List.of());
      }
      op.markOpened();
      op.record(outcome, store.now(), outcome.paid() ? store.authorisationNumber() : null);
    }
    List<NotificationAttempt> sent = n.notify(op);
    String separator = op.urlredirect.contains("?") ? "&" : "?";
    URI redirect =
        URI.create(
            op.urlredirect
                + separator
                + "idop="
                + URLEncoder.encode(op.idOp, StandardCharsets.UTF_8));
    return new Completion(op.idOp, outcome, Optional.of(redirect), sent);
  }

  /**
   * Returns what the simulator knows of an operation now (nothing once purged).
   *
   * @param idOp the operation id
   * @return the snapshot, empty if unknown or purged
   */
  public Optional<SimulatedOperation> operation(String idOp) {
    return store.find(idOp).map(Operation::snapshot);
  }

  /**
   * Returns the notifications made so far (the last 10,000), oldest first.
   *
   * @return the notification log
   */
  public List<NotificationAttempt> notifications() {
    Notifier n = notifier;
    return n == null ? List.of() : n.attempts();
  }

  /**
   * Waits until at least {@code count} notifications have been made (delayed ones arrive late).
   *
   * @param count how many notifications to wait for
   * @param timeout how long to wait at most
   * @return the notification log
   * @throws SocleTimeoutException if fewer were made within the timeout
   * @throws SocleClientException if the simulator is not started
   */
  public List<NotificationAttempt> awaitNotifications(int count, Duration timeout) {
    try {
      return notifierOrFail().await(count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SocleException("interrupted while waiting for notifications", e);
    }
  }

  private synchronized Notifier notifierOrFail() {
    if (notifier == null || closed) {
      throw new SocleClientException("the simulator is not running: call start() first");
    }
    return notifier;
  }

  private static List<String> defaultLabels(String numcli) {
    return List.of("REGIE DE TEST " + numcli, "SIMULATEUR PAYFIP", "SOCLE");
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return "PayfipSimulator[numcli=" + clients.keySet() + "]";
  }

  /**
   * Configures a {@link PayfipSimulator}. Not thread-safe; build once.
   *
   * <pre>{@code
   * PayfipSimulator payfip = PayfipSimulator.builder()
   *     .port(0)                         // any free port (the default)
   *     .numcli("123456")
   *     .clock(TestClock.at(Instant.parse("2026-01-15T10:00:00Z")))
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private int port;
    private final Map<String, List<String>> clients = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private LocalTime purgeTime = LocalTime.of(2, 0);

    private Builder() {}

    /**
     * Sets the port to listen on.
     *
     * @param port 1 to 65535, or 0 for any free port (the default)
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new InvalidInputException("port must be 0 to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Registers a régie (client number) with default labels. Without any, {@value #DEFAULT_NUMCLI}
     * is registered.
     *
     * @param numcli six digits
     * @return this builder
     * @throws InvalidInputException if not six digits
     */
    public Builder numcli(String numcli) {
      return client(numcli, "REGIE DE TEST " + numcli, "SIMULATEUR PAYFIP", "SOCLE");
    }

    /**
     * Registers a régie with the labels {@code recupererDetailClient} returns.
     *
     * @param numcli six digits
     * @param libelleN1 first label line
     * @param libelleN2 second label line
     * @param libelleN3 third label line
     * @return this builder
     * @throws InvalidInputException if numcli is not six digits
     */
    public Builder client(String numcli, String libelleN1, String libelleN2, String libelleN3) {
      Objects.requireNonNull(numcli, "numcli");
      if (!NUMCLI.matcher(numcli).matches()) {
        throw new InvalidInputException("numcli must be six digits");
      }
      clients.put(
          numcli,
          List.of(
              Objects.requireNonNull(libelleN1, "libelleN1"),
              Objects.requireNonNull(libelleN2, "libelleN2"),
              Objects.requireNonNull(libelleN3, "libelleN3")));
      return this;
    }

    /**
     * Sets the clock for creation times, expiry, purge and transaction dates.
     *
     * @param clock for example a {@code fr.socle.testkit.TestClock}; default system UTC
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the Paris local time of the nightly purge of operations that never got a result.
     *
     * @param time default 02:00 (the real time is not published)
     * @return this builder
     */
    public Builder nightlyPurgeAt(LocalTime time) {
      this.purgeTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Builds the simulator without starting it.
     *
     * @return the simulator; call {@link PayfipSimulator#start()}
     */
    public PayfipSimulator build() {
      return new PayfipSimulator(this);
    }

    /**
     * Builds and starts the simulator.
     *
     * @return the running simulator
     * @throws UncheckedIOException if the port cannot be bound
     */
    public PayfipSimulator start() {
      return build().start();
    }
  }
}
