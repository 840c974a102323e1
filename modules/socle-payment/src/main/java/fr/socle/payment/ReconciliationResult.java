package fr.socle.payment;

/**
 * What one {@link Payments#reconcile()} run did.
 *
 * @param examined pending payments looked up
 * @param settled payments moved to a new state by this run (paid, refused, abandoned, expired or
 *     review)
 * @param paid of which moved to paid by this run
 * @param stillPending payments left pending (no result yet)
 * @param errors lookups that failed (technical fault, timeout, invalid answer)
 * @param interrupted true if the run stopped early because PayFiP looked unavailable
 * @param fulfilled listener calls that completed in this run (for payments settled by this run, and
 *     for paid or review payments whose earlier listener call failed or never completed)
 * @param fulfilmentFailures listener calls that threw in this run; retried by the next run
 */
public record ReconciliationResult(
    int examined,
    int settled,
    int paid,
    int stillPending,
    int errors,
    boolean interrupted,
    int fulfilled,
    int fulfilmentFailures) {

  /**
   * A result without fulfilment figures (both zero).
   *
   * @param examined pending payments looked up
   * @param settled payments moved to a new state by this run
   * @param paid of which moved to paid
   * @param stillPending payments left pending
   * @param errors lookups that failed
   * @param interrupted true if the run stopped early
   */
  public ReconciliationResult(
      int examined, int settled, int paid, int stillPending, int errors, boolean interrupted) {
    this(examined, settled, paid, stillPending, errors, interrupted, 0, 0);
  }
}
