package fr.socle.benchmarks.onceonly;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.Secret;
import fr.socle.onceonly.ApiParticulierClient;
import fr.socle.onceonly.OnceOnlyRateLimiter;
import fr.socle.onceonly.QuotientFamilial;
import fr.socle.onceonly.Usager;
import fr.socle.onceonly.internal.Limit;
import fr.socle.onceonly.internal.Pacer;
import fr.socle.onceonly.spi.Pace;
import fr.socle.onceonly.spi.RateLimitStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Claim: the once-only rate limiter adds at most 20 µs per call on one node.
 *
 * <p>Two clients make the same API Particulier call (FranceConnect-mode quotient familial) to the
 * same loopback peer in the same run; they differ only in the limiter's store:
 *
 * <ul>
 *   <li>{@code callWithoutLimiter}: a store that grants every slot at once without any work (the
 *       call "without the limiter");
 *   <li>{@code callWithLimiter}: Socle's in-memory store, doing all its work (two paces, lock, map
 *       updates), on a clock that advances one second per reservation so that the limits never make
 *       the benchmark <em>wait</em>: what is measured is the limiter's cost, not the pacing it
 *       imposes by design.
 * </ul>
 *
 * <p>{@code reserveOnly} measures the store's reservation alone (same clock), {@code acquireOnly}
 * everything the limiter does for a call that need not wait (paces, reservation, lateness check):
 * the overhead, measured without the HTTP exchange's noise.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RateLimiterOverheadBenchmark -f 1 -wi 3
 * -w 2s -i 3 -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RateLimiterOverheadBenchmark {
  static {
    // See TransportJsonBenchmark: without TCP_NODELAY both sides would measure Nagle's 40 ms.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final String QF =
      "{\"data\":{\"allocataires\":[{\"nom_naissance\":\"DUPONT\",\"nom_usage\":null,"
          + "\"prenoms\":\"CLAIRE\",\"date_naissance\":\"1985-03-12\",\"sexe\":\"F\"}],"
          + "\"enfants\":[{\"nom_naissance\":\"MOREL\",\"nom_usage\":null,\"prenoms\":\"LEA\","
          + "\"date_naissance\":\"2015-09-02\",\"sexe\":\"F\"}],\"adresse\":{\"destinataire\":"
          + "\"Madame MOREL CLAIRE\",\"numero_libelle_voie\":\"12 RUE DE LA MAIRIE\","
          + "\"code_postal_ville\":\"35000 RENNES\",\"pays\":\"FRANCE\"},\"quotient_familial\":"
          + "{\"fournisseur\":\"CNAF\",\"valeur\":520,\"annee\":2026,\"mois\":12,"
          + "\"annee_calcul\":2026,\"mois_calcul\":10}},\"links\":{},\"meta\":{}}";

  /** Grants every slot at once, doing nothing: the call without a limiter. */
  static final class NoLimit implements RateLimitStore {
    @Override
    public Optional<Duration> reserve(List<Pace> paces, Duration maxWait) {
      return Optional.of(Duration.ZERO);
    }

    @Override
    public void holdOff(String key, Duration delay) {}
  }

  private HttpServer peer;
  private ApiParticulierClient without;
  private ApiParticulierClient with;
  private RateLimitStore store;
  private List<Pace> paces;
  private Usager usager;
  private Pacer pacer;

  @Setup
  public void setup() throws IOException {
    byte[] body = QF.getBytes(StandardCharsets.UTF_8);
    peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    peer.setExecutor(Executors.newFixedThreadPool(2));
    peer.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    peer.start();
    String base = "http://127.0.0.1:" + peer.getAddress().getPort();
    AtomicLong virtualNanos = new AtomicLong();
    store = RateLimitStore.inMemory(() -> virtualNanos.addAndGet(1_000_000_000L));
    without = client(base, new NoLimit());
    with = client(base, store);
    paces =
        List.of(
            new Pace("particulier:token:0123456789abcdef:json", Duration.ofMillis(53)),
            new Pace("particulier:ip:default", Duration.ofMillis(64)));
    pacer =
        new Pacer(store, "default", OnceOnlyRateLimiter.DEFAULT_HEADROOM, Duration.ofSeconds(10));
    usager = Usager.parFranceConnect(Secret.of("fc-access-token-for-the-benchmark"));
  }

  private static ApiParticulierClient client(String base, RateLimitStore store) {
    return ApiParticulierClient.builder()
        .baseUrl(base)
        .recipient("21350238800019")
        .rateLimiter(OnceOnlyRateLimiter.builder().store(store).build())
        .build();
  }

  @TearDown
  public void tearDown() {
    without.close();
    with.close();
    peer.stop(0);
  }

  @Benchmark
  public Optional<QuotientFamilial> callWithoutLimiter() {
    return without.quotientFamilial(usager);
  }

  @Benchmark
  public Optional<QuotientFamilial> callWithLimiter() {
    return with.quotientFamilial(usager);
  }

  @Benchmark
  public Optional<Duration> reserveOnly() {
    return store.reserve(paces, Duration.ofSeconds(10));
  }

  /**
   * Everything the limiter does for a call that need not wait: paces, reservation, lateness check.
   */
  @Benchmark
  public void acquireOnly() {
    pacer.acquire(
        pacer.paces("particulier", "0123456789abcdef", Limit.PARTICULIER_JSON),
        System.nanoTime() + 10_000_000_000L,
        "benchmark");
  }
}
