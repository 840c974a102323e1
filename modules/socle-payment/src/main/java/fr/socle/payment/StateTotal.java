package fr.socle.payment;

import fr.socle.core.InvalidInputException;
import java.util.Objects;

/**
 * How many payments are in one state, and their total.
 *
 * @param state the state
 * @param count the number of payments, zero or more
 * @param totalCents the sum of their amounts in euro cents
 */
public record StateTotal(PaymentState state, long count, long totalCents) {

  /**
   * Validates the totals.
   *
   * @param state the state
   * @param count the number of payments, zero or more
   * @param totalCents the sum of their amounts in euro cents
   */
  public StateTotal {
    Objects.requireNonNull(state, "state");
    if (count < 0 || totalCents < 0) {
      throw new InvalidInputException("count and total must not be negative");
    }
  }
}
