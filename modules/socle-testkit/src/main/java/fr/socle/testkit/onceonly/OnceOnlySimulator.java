package fr.socle.testkit.onceonly;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local simulator of API Particulier v3 and API Entreprise v3/v4, for tests and demos: both APIs
 * on one loopback port, with the sandbox's behaviour and the production rules a client must
 * survive.
 *
 * <ul>
 *   <li>Routes: quotient familial, EAJE participation, the six DSS benefits ({@code /identite} and
 *       {@code /france_connect}), schooling v5, student status and grants ({@code /ine}); Sirene
 *       units and establishments, URSSAF and DGFiP attestations, RCS and RNE extracts,
 *       associations.
 *   <li>Parameter checks of the real API: {@code recipient} (422 {@code 00203}), {@code context}
 *       ({@code 00201}), {@code object} ({@code 00202}), recipient different from the company,
 *       civil-status parameters (422 {@code 00366}), future months (400), SIREN/SIRET format.
 *   <li>Identity matching: exact names with the birth year, or a phonetic near-miss or one typo
 *       compensated by the full birth date; anything else is 404 {@code 37003}. Birth names {@value
 *       #NOM_429}, {@value #NOM_502} and {@value #NOM_504} trigger 429, 502 and 504 as the
 *       sandbox's fixtures do.
 *   <li>Rate limits counted like the real service (fixed windows aligned on the period, per token
 *       and group, and 1,000 a minute per IP), with {@code RateLimit-*} headers and 429 {@code
 *       Retry-After}; 409 {@code 00015} to an identical request while one is in flight.
 *   <li>Misbehaviour on demand ({@link #misbehave(Misbehaviour)}): slow, garbage, rate limited,
 *       provider down, silent.
 * </ul>
 *
 * <p>The data are invented (see the constants); Angela DUBOIS, the FranceConnect simulator's
 * official test identity, has a CNAF file (QF 680, two children), found by identity. Tokens:
 * {@value #PARTICULIER_TOKEN} and {@value #ENTREPRISE_TOKEN}, plus any added to the builder;
 * FranceConnect access tokens {@value #FC_TOKEN_DUPONT} and the other {@code FC_TOKEN_*} stand for
 * the households' first allocataire; with {@link
 * Builder#franceConnect(FranceConnectTokenResolver)}, the tokens a FranceConnect simulator issued
 * are checked with it, as the real API checks them with FranceConnect, and answered for the
 * household of the user's pivot identity.
 *
 * <pre>{@code
 * try (OnceOnlySimulator sim = OnceOnlySimulator.builder().start()) {
 *   ApiParticulierClient client = ApiParticulierClient.builder()
 *       .baseUrl(sim.baseUrl().toString())
 *       .token(Secret.of(OnceOnlySimulator.PARTICULIER_TOKEN))
 *       .recipient(OnceOnlySimulator.RECIPIENT).build();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Listens on the loopback interface only; nothing here calls the real APIs.
 */
public final class OnceOnlySimulator implements AutoCloseable {
  /** The vendor token API Particulier accepts. */
  public static final String PARTICULIER_TOKEN = "simulated-api-particulier-token";

  /** The vendor token API Entreprise accepts. */
  public static final String ENTREPRISE_TOKEN = "simulated-api-entreprise-token";

  /** FranceConnect access token of Claire DUPONT (CNAF, QF 520, two children). */
  public static final String FC_TOKEN_DUPONT = "fc-token-famille-dupont";

  /** FranceConnect access token of Mathieu LEROY (MSA, QF 1150, three children). */
  public static final String FC_TOKEN_LEROY = "fc-token-famille-leroy";

  /** FranceConnect access token of Sofia BENALI (CNAF, QF 310, RSA, born abroad). */
  public static final String FC_TOKEN_BENALI = "fc-token-famille-benali";

  /** FranceConnect access token of Paul ROUX (CNAF, QF 2100, no child). */
  public static final String FC_TOKEN_ROUX = "fc-token-famille-roux";

  /** FranceConnect access token of a person without a CAF or MSA file (404). */
  public static final String FC_TOKEN_SANS_DOSSIER = "fc-token-sans-dossier";

  /** A valid recipient: a commune's SIRET. */
  public static final String RECIPIENT = "21350238800019";

  /** A company whose attestations are delivered. */
  public static final String SIREN_EN_REGLE = "123456782";

  /** A company URSSAF refuses to certify. */
  public static final String SIREN_REFUS_URSSAF = "880000005";

  /** A company INSEE may not publish (451 on Sirene routes). */
  public static final String SIREN_NON_DIFFUSIBLE = "880000013";

  /** An association's SIREN. */
  public static final String SIREN_ASSOCIATION = "880000021";

  /** The same association's RNA number. */
  public static final String RNA_ASSOCIATION = "W351000123";

  /** A student's INE, known to the student routes. */
  public static final String INE_ETUDIANT = "0123456789A";

  /** Birth name that triggers a 429 with {@code Retry-After: 30}. */
  public static final String NOM_429 = "QUOTA";

  /** Birth name that triggers a 502 with {@code retry_in}. */
  public static final String NOM_502 = "PANNE";

  /** Birth name that triggers a 504 with {@code retry_in}. */
  public static final String NOM_504 = "DELAI";

  private static final Map<String, Limit> LIMITS =
      Map.of(
          "particulier:json", new Limit(20, Duration.ofSeconds(1)),
          "entreprise:json", new Limit(250, Duration.ofMinutes(1)),
          "entreprise:documents", new Limit(50, Duration.ofMinutes(1)),
          "entreprise:dgfip_attestation", new Limit(5, Duration.ofMinutes(1)),
          "entreprise:inpi_rne", new Limit(15, Duration.ofMinutes(1)));

  record Limit(int permits, Duration period) {}

  private final int requestedPort;
  private final Clock clock;
  private final List<SimulatedHousehold> households;
  private final List<SimulatedCompany> companies;
  private final OnceOnlyGateway gateway;
  private HttpServer server;
  private ExecutorService executor;

  private OnceOnlySimulator(Builder b) {
    this.requestedPort = b.port;
    this.clock = b.clock;
    List<SimulatedHousehold> h = new ArrayList<>(Catalogue.households());
    h.addAll(b.households);
    this.households = List.copyOf(h);
    List<SimulatedCompany> c = new ArrayList<>(Catalogue.companies());
    c.addAll(b.companies);
    this.companies = List.copyOf(c);
    Map<String, Limit> l = new HashMap<>(LIMITS);
    l.putAll(b.limits);
    this.gateway =
        new OnceOnlyGateway(
            clock,
            Set.copyOf(b.particulierTokens),
            Set.copyOf(b.entrepriseTokens),
            households,
            Map.copyOf(l),
            b.franceConnect);
  }

  /**
   * Starts configuring a simulator (any free port, system clock, the built-in catalogue).
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
   * @throws SocleClientException if already started
   * @throws UncheckedIOException if the port cannot be bound
   */
  public synchronized OnceOnlySimulator start() {
    if (server != null) {
      throw new SocleClientException("the simulator can be started once");
    }
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the once-only simulator", e);
    }
    gateway.serve(
        new ParticulierRoutes(households, clock),
        new EntrepriseRoutes(companies, clock, baseUrl().resolve("/files/")));
    executor =
        Executors.newFixedThreadPool(
            32,
            r -> {
              Thread t = new Thread(r, "once-only-sim");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", gateway::handle);
    server.start();
    return this;
  }

  /**
   * Returns the base URL of both APIs.
   *
   * @return for example {@code http://127.0.0.1:41234}
   * @throws SocleClientException if not started
   */
  public URI baseUrl() {
    if (server == null) {
      throw new SocleClientException("the simulator is not started: call start() first");
    }
    return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port());
  }

  /**
   * Returns the port.
   *
   * @return the bound port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Makes every following answer misbehave, until {@link #reset()}.
   *
   * @param misbehaviour what goes wrong
   */
  public void misbehave(Misbehaviour misbehaviour) {
    gateway.misbehave(Objects.requireNonNull(misbehaviour, "misbehaviour"));
  }

  /** Forgets misbehaviour, rate-limit counters and the request log. */
  public void reset() {
    gateway.reset();
  }

  /**
   * Returns the requests received, in order of arrival.
   *
   * @return a snapshot of the log
   */
  public List<ServedRequest> requests() {
    return gateway.requests();
  }

  /**
   * Returns the fingerprint the simulator logs for a token (first 16 hex digits of its SHA-256, as
   * Socle's clients compute it).
   *
   * @param token the token
   * @return the fingerprint
   */
  public static String fingerprint(String token) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new SocleException("SHA-256 is missing from the JDK", e);
    }
  }

  /** Stops the server. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "OnceOnlySimulator[" + (server == null ? "not started" : baseUrl()) + "]";
  }

  /** Configures an {@link OnceOnlySimulator}. Not thread-safe. */
  public static final class Builder {
    private int port;
    private Clock clock = Clock.systemUTC();
    private final Set<String> particulierTokens = new LinkedHashSet<>(Set.of(PARTICULIER_TOKEN));
    private final Set<String> entrepriseTokens = new LinkedHashSet<>(Set.of(ENTREPRISE_TOKEN));
    private final List<SimulatedHousehold> households = new ArrayList<>();
    private final List<SimulatedCompany> companies = new ArrayList<>();
    private final Map<String, Limit> limits = new HashMap<>();
    private FranceConnectTokenResolver franceConnect;

    private Builder() {}

    /**
     * Resolves the FranceConnect access tokens of {@code /france_connect} calls (besides the fixed
     * {@code FC_TOKEN_*}): an unknown or revoked token is answered 401 {@code 00101}, an expired
     * one 401 {@code 00103}, one without the route's data scope or the pivot identity 403 {@code
     * 00100}; otherwise the household is the one of the user's pivot identity. Without a resolver,
     * only the fixed tokens are known.
     *
     * @param resolver the token check, for example {@link
     *     FranceConnectTokenResolver#of(fr.socle.testkit.franceconnect.FranceConnectSimulator)}
     * @return this builder
     */
    public Builder franceConnect(FranceConnectTokenResolver resolver) {
      this.franceConnect = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Sets the port (default 0: any free port).
     *
     * @param port 0 to 65535
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
     * Sets the clock (current month, attestation dates, rate-limit windows).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Accepts another API Particulier token.
     *
     * @param token the token
     * @return this builder
     */
    public Builder particulierToken(String token) {
      particulierTokens.add(Objects.requireNonNull(token, "token"));
      return this;
    }

    /**
     * Accepts another API Entreprise token.
     *
     * @param token the token
     * @return this builder
     */
    public Builder entrepriseToken(String token) {
      entrepriseTokens.add(Objects.requireNonNull(token, "token"));
      return this;
    }

    /**
     * Adds a household to the catalogue.
     *
     * @param household the household
     * @return this builder
     */
    public Builder household(SimulatedHousehold household) {
      households.add(Objects.requireNonNull(household, "household"));
      return this;
    }

    /**
     * Adds a company to the catalogue.
     *
     * @param company the company
     * @return this builder
     */
    public Builder company(SimulatedCompany company) {
      companies.add(Objects.requireNonNull(company, "company"));
      return this;
    }

    /**
     * Changes a per-token limit (default: the real ones).
     *
     * @param api {@code particulier} or {@code entreprise}
     * @param group {@code json}, {@code documents} or {@code dgfip_attestation}
     * @param permits requests per window
     * @param period the window
     * @return this builder
     * @throws InvalidInputException if the api and group name no limit, or permits or period is not
     *     positive
     */
    public Builder limit(String api, String group, int permits, Duration period) {
      String key =
          Objects.requireNonNull(api, "api") + ":" + Objects.requireNonNull(group, "group");
      Objects.requireNonNull(period, "period");
      if (!LIMITS.containsKey(key)) {
        throw new InvalidInputException(
            "limit: unknown api and group "
                + key
                + " ("
                + String.join(", ", LIMITS.keySet())
                + ")");
      }
      if (permits < 1 || period.isNegative() || period.isZero()) {
        throw new InvalidInputException("limit: permits and period must be positive");
      }
      limits.put(key, new Limit(permits, period));
      return this;
    }

    /**
     * Builds and starts the simulator.
     *
     * @return the running simulator
     */
    public OnceOnlySimulator start() {
      return new OnceOnlySimulator(this).start();
    }
  }
}
