package fr.socle.testkit.onceonly;

import fr.socle.core.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * What the simulator does wrong on demand, until {@link OnceOnlySimulator#reset()}: the failures a
 * client meets in production, reproducible in a test.
 *
 * <pre>{@code
 * simulator.misbehave(Misbehaviour.slow(Duration.ofSeconds(3)));
 * simulator.misbehave(Misbehaviour.rateLimited(Duration.ofSeconds(30)));
 * }</pre>
 *
 * @param kind what goes wrong
 * @param delay the delay of {@link Kind#SLOW} and {@link Kind#SILENT}, or the {@code Retry-After}
 *     of {@link Kind#RATE_LIMITED}
 * @param status the HTTP status of {@link Kind#PROVIDER_DOWN}
 */
public record Misbehaviour(Kind kind, Duration delay, int status) {

  /** The kinds of misbehaviour. */
  public enum Kind {
    /** Every answer comes after a delay. */
    SLOW,
    /** Every answer is 200 with a body that is not JSON. */
    GARBAGE,
    /** Every answer is 429 with {@code Retry-After}. */
    RATE_LIMITED,
    /** Every answer is 502 or 504 with {@code meta.retry_in}, as when a provider is down. */
    PROVIDER_DOWN,
    /** No answer at all for the delay, then the connection closes: what a banned IP sees. */
    SILENT
  }

  /**
   * Validates the record.
   *
   * @param kind what goes wrong
   * @param delay the delay of {@link Kind#SLOW} and {@link Kind#SILENT}, or the {@code Retry-After}
   *     of {@link Kind#RATE_LIMITED}
   * @param status the HTTP status of {@link Kind#PROVIDER_DOWN}
   */
  public Misbehaviour {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
  }

  /**
   * Answers after a delay.
   *
   * @param delay the delay
   * @return the misbehaviour
   */
  public static Misbehaviour slow(Duration delay) {
    return new Misbehaviour(Kind.SLOW, delay, 200);
  }

  /**
   * Answers 200 with a body that is not JSON.
   *
   * @return the misbehaviour
   */
  public static Misbehaviour garbage() {
    return new Misbehaviour(Kind.GARBAGE, Duration.ZERO, 200);
  }

  /**
   * Answers 429 to everything.
   *
   * @param retryAfter the {@code Retry-After} sent
   * @return the misbehaviour
   */
  public static Misbehaviour rateLimited(Duration retryAfter) {
    return new Misbehaviour(Kind.RATE_LIMITED, retryAfter, 429);
  }

  /**
   * Answers 502 or 504 with {@code retry_in}.
   *
   * @param status 502 or 504
   * @return the misbehaviour
   * @throws InvalidInputException if status is neither 502 nor 504
   */
  public static Misbehaviour providerDown(int status) {
    if (status != 502 && status != 504) {
      throw new InvalidInputException("status must be 502 or 504 for a provider failure");
    }
    return new Misbehaviour(Kind.PROVIDER_DOWN, Duration.ZERO, status);
  }

  /**
   * Never answers: holds the connection for the delay, then closes it.
   *
   * @param hold how long to hold each connection
   * @return the misbehaviour
   */
  public static Misbehaviour silent(Duration hold) {
    return new Misbehaviour(Kind.SILENT, hold, 0);
  }
}
