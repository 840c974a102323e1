package fr.socle.payment;

/**
 * What one {@link Payments#reconcile()} run did.
 *
 * @param examined pending payments looked up
 * @param settled payments moved to a new state by this run (paid, refused, abandoned, expired or
 *     review)
 * @param paid of which moved to paid by this run (their listener was called)
 * @param stillPending payments left pending (no result yet)
 * @param errors lookups that failed (technical fault, timeout, invalid answer)
 * @param interrupted true if the run stopped early because PayFiP looked unavailable
 */
public record ReconciliationResult(
    int examined, int settled, int paid, int stillPending, int errors, boolean interrupted) {}
