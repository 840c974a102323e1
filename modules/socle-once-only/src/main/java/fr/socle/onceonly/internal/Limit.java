package fr.socle.onceonly.internal;

import java.time.Duration;

/**
 * The published limits (once-only fact sheet §1.5: both portals' documentation, and {@code
 * commons/data/throttle.yml} of the API's source).
 */
public enum Limit {
  /** API Particulier, per token: 20 calls a second. */
  PARTICULIER_JSON("json", 20, Duration.ofSeconds(1)),
  /** API Entreprise JSON endpoints, per token: 250 calls a minute. */
  ENTREPRISE_JSON("json", 250, Duration.ofMinutes(1)),
  /**
   * API Entreprise document endpoints, per token: 50 calls a minute. The URSSAF attestation group
   * is configured at 100 a minute today, but the documented 50 is what the operator commits to.
   */
  ENTREPRISE_DOCUMENTS("documents", 50, Duration.ofMinutes(1)),
  /** API Entreprise high-latency documents (DGFiP attestation fiscale), per token and endpoint. */
  ENTREPRISE_DGFIP_ATTESTATION("dgfip_attestation", 5, Duration.ofMinutes(1)),
  /** API Entreprise RNE extract (INPI), per token: 15 calls a minute. */
  ENTREPRISE_RNE("inpi_rne", 15, Duration.ofMinutes(1)),
  /** Either API, per egress IP and across all tokens: 1,000 calls a minute. */
  IP("ip", 1000, Duration.ofMinutes(1));

  private final String key;
  private final int permits;
  private final Duration period;

  Limit(String key, int permits, Duration period) {
    this.key = key;
    this.permits = permits;
    this.period = period;
  }

  /**
   * Returns the bucket suffix.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the calls allowed per period.
   *
   * @return the limit
   */
  public int permits() {
    return permits;
  }

  /**
   * Returns the period.
   *
   * @return the period
   */
  public Duration period() {
    return period;
  }
}
