package fr.socle.examples.demo.onceonly;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The commune's canteen tariff grid: a price per meal for each tranche of quotient familial, as a
 * council deliberation sets it. A family without a known quotient pays the last tranche's price.
 *
 * @param tranches the tranches, in increasing order of their upper bound; the last is open-ended
 * @param meals the meals of the month being invoiced
 */
public record CanteenPricing(List<Tranche> tranches, int meals) {

  /**
   * One tranche.
   *
   * @param label its name, for example "Tranche A"
   * @param upTo the highest quotient in the tranche, or {@link Integer#MAX_VALUE}
   * @param priceCents the price of a meal, in cents
   */
  public record Tranche(String label, int upTo, long priceCents) {
    /** Validates the tranche. */
    public Tranche {
      Objects.requireNonNull(label, "label");
      if (priceCents < 0) {
        throw new IllegalArgumentException("price cannot be negative");
      }
    }
  }

  /** Validates the grid. */
  public CanteenPricing {
    tranches = List.copyOf(tranches);
    if (tranches.isEmpty() || tranches.get(tranches.size() - 1).upTo() != Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the last tranche must be open-ended");
    }
    if (meals < 0) {
      throw new IllegalArgumentException("meals cannot be negative");
    }
  }

  /**
   * The demo commune's grid, for the 16 meals of December 2026.
   *
   * @return the grid
   */
  public static CanteenPricing demo() {
    return new CanteenPricing(
        List.of(
            new Tranche("Tranche A", 400, 100),
            new Tranche("Tranche B", 700, 210),
            new Tranche("Tranche C", 1000, 320),
            new Tranche("Tranche D", 1500, 410),
            new Tranche("Tranche E", Integer.MAX_VALUE, 490)),
        16);
  }

  /**
   * Returns the tranche of a quotient familial; without one, the last tranche.
   *
   * @param quotient the family's quotient, if known
   * @return the tranche
   */
  public Tranche tranche(OptionalInt quotient) {
    if (quotient.isEmpty()) {
      return tranches.get(tranches.size() - 1);
    }
    for (Tranche t : tranches) {
      if (quotient.getAsInt() <= t.upTo()) {
        return t;
      }
    }
    return tranches.get(tranches.size() - 1);
  }

  /**
   * Returns the month's invoice.
   *
   * @param quotient the family's quotient, if known
   * @return the total in cents
   */
  public long invoiceCents(OptionalInt quotient) {
    return tranche(quotient).priceCents() * meals;
  }

  /**
   * Formats cents as French euros.
   *
   * @param cents the amount
   * @return for example {@code 33,60 €}
   */
  public static String euros(long cents) {
    return String.format(java.util.Locale.FRANCE, "%d,%02d €", cents / 100, cents % 100);
  }
}
