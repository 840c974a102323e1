package fr.socle.payment.internal;

import fr.socle.payment.Payment;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to look an expired or abandoned payment up again: at half its age (at least the
 * reconciliation age or a minute, at most 6 hours), and never once it is older than the re-check
 * window. PayFiP keeps a result it reached the payment provider with for about a year, but a payer
 * who has not paid after days never will; the window bounds the lookups. Pure and immutable.
 *
 * @param reconcileAfter how old a pending payment must be before the reconciliation looks it up
 * @param window how long after its creation a payment is still re-checked
 */
public record RecheckPolicy(Duration reconcileAfter, Duration window) {
  private static final Duration MAX_INTERVAL = Duration.ofHours(6);

  /** Validates the policy. */
  public RecheckPolicy {
    Objects.requireNonNull(reconcileAfter, "reconcileAfter");
    Objects.requireNonNull(window, "window");
  }

  /**
   * Computes the next re-check.
   *
   * @param p the payment
   * @param now the current time
   * @return when to look it up again, empty if never
   */
  public Optional<Instant> next(Payment p, Instant now) {
    Duration age = Duration.between(p.createdAt(), now);
    if (age.compareTo(window) >= 0) {
      return Optional.empty();
    }
    Duration interval = age.dividedBy(2);
    Duration min =
        reconcileAfter.compareTo(Duration.ofMinutes(1)) > 0
            ? reconcileAfter
            : Duration.ofMinutes(1);
    if (interval.compareTo(min) < 0) {
      interval = min;
    } else if (interval.compareTo(MAX_INTERVAL) > 0) {
      interval = MAX_INTERVAL;
    }
    return Optional.of(now.plus(interval));
  }
}
