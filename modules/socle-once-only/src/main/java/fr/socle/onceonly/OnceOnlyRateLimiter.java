package fr.socle.onceonly;

import fr.socle.core.SocleClientException;
import fr.socle.onceonly.internal.Pacer;
import fr.socle.onceonly.spi.RateLimitStore;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps calls to API Particulier and API Entreprise under their published limits: per token (API
 * Particulier 20 a second; API Entreprise 250 a minute for JSON, 50 for documents, 5 for DGFiP
 * attestations) and per egress IP (1,000 a minute on each API), across all tokens and, with a
 * shared {@link RateLimitStore}, across all nodes of a deployment.
 *
 * <p>Why it matters: an IP that keeps calling after a 429 is banned for 12 hours, and a banned IP
 * gets no answer at all, for every collectivité a vendor serves from it.
 *
 * <p>How: each limit of {@code n} calls per period becomes a minimum spacing of {@code period / (n
 * × (1 − headroom))} between calls, reserved atomically in the store. Spaced calls never put more
 * than {@code n} calls in any window of the period, whatever the alignment of the API's own
 * windows, and the default 5 % headroom absorbs network jitter between the reservation and the
 * API's counter. A call whose slot is further than {@link Builder#maxWait(Duration) maxWait}
 * (default 10 s) fails with {@link fr.socle.core.ClientRateLimitedException} without calling the
 * API. {@code Retry-After} and {@code RateLimit-Remaining: 0} answers hold the token's calls off in
 * the store, so every node stops.
 *
 * <p>Share one limiter between every client of a JVM (one {@link ApiParticulierClient} and one
 * {@link ApiEntrepriseClient} per token); give every node the same shared store. Immutable and
 * thread-safe; the store is never closed by Socle.
 *
 * <pre>{@code
 * OnceOnlyRateLimiter limiter = OnceOnlyRateLimiter.builder()
 *     .store(JdbcRateLimitStore.create(dataSource))   // socle-once-only-jdbc
 *     .egress("nat-paris-1")
 *     .build();
 * }</pre>
 */
public final class OnceOnlyRateLimiter {
  /** Default fraction of each limit left unused: 5 %. */
  public static final double DEFAULT_HEADROOM = 0.05;

  /** Default longest wait for a slot: 10 seconds. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

  private final RateLimitStore store;
  private final String egress;
  private final double headroom;
  private final Duration maxWait;
  private final Pacer pacer;

  private OnceOnlyRateLimiter(Builder b) {
    this.store = b.store == null ? RateLimitStore.inMemory() : b.store;
    this.egress = b.egress;
    this.headroom = b.headroom;
    this.maxWait = b.maxWait;
    this.pacer = new Pacer(store, egress, headroom, maxWait);
  }

  /**
   * Returns a limiter for one node, with its state in memory.
   *
   * @return a new limiter
   */
  public static OnceOnlyRateLimiter inMemory() {
    return builder().build();
  }

  /**
   * Starts a builder (in-memory store, egress {@code default}, 5 % headroom, 10 s maximum wait).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the store.
   *
   * @return the store the slots are reserved in
   */
  public RateLimitStore store() {
    return store;
  }

  /**
   * Returns the egress name.
   *
   * @return the name of the IP the calls leave through
   */
  public String egress() {
    return egress;
  }

  /**
   * Returns the headroom.
   *
   * @return the fraction of each limit left unused
   */
  public double headroom() {
    return headroom;
  }

  /**
   * Returns the maximum wait.
   *
   * @return the longest a call waits for its slot
   */
  public Duration maxWait() {
    return maxWait;
  }

  Pacer pacer() {
    return pacer;
  }

  @Override
  public String toString() {
    return "OnceOnlyRateLimiter[" + store + ", egress=" + egress + ", headroom=" + headroom + "]";
  }

  /** Configures an {@link OnceOnlyRateLimiter}. Not thread-safe. */
  public static final class Builder {
    private RateLimitStore store;
    private String egress = "default";
    private double headroom = DEFAULT_HEADROOM;
    private Duration maxWait = DEFAULT_MAX_WAIT;

    private Builder() {}

    /**
     * Sets the store shared by every node (default: in memory, for one node).
     *
     * @param store the store; never closed by Socle
     * @return this builder
     */
    public Builder store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Names the egress IP the calls leave through. Nodes behind the same NAT use the same name;
     * nodes with their own public IP use different names.
     *
     * @param egress 1 to 64 letters, digits, {@code .}, {@code -} or {@code _}
     * @return this builder
     */
    public Builder egress(String egress) {
      Objects.requireNonNull(egress, "egress");
      if (!egress.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new SocleClientException(
            "egress name must have 1 to 64 letters, digits, '.', '-' or '_'");
      }
      this.egress = egress;
      return this;
    }

    /**
     * Sets the fraction of each limit left unused, to absorb network jitter.
     *
     * @param headroom 0 to 0.5 (default 0.05)
     * @return this builder
     */
    public Builder headroom(double headroom) {
      if (!(headroom >= 0.0 && headroom <= 0.5)) {
        throw new SocleClientException("headroom must be between 0 and 0.5");
      }
      this.headroom = headroom;
      return this;
    }

    /**
     * Sets the longest a call waits for its slot before failing.
     *
     * @param maxWait zero or positive (default 10 s)
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      Objects.requireNonNull(maxWait, "maxWait");
      if (maxWait.isNegative()) {
        throw new SocleClientException("maximum wait must be zero or positive");
      }
      this.maxWait = maxWait;
      return this;
    }

    /**
     * Builds the limiter.
     *
     * @return a new limiter
     */
    public OnceOnlyRateLimiter build() {
      return new OnceOnlyRateLimiter(this);
    }
  }
}
