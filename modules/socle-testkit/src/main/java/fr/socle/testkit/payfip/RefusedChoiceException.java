package fr.socle.testkit.payfip;

import fr.socle.core.InvalidInputException;

/**
 * The payer's choice cannot be applied to this operation (unknown, purged, expired or already
 * processed); {@code state} names why, for the payment page. An {@link InvalidInputException}: the
 * idOp given to {@link PayfipSimulator#complete} cannot be completed.
 */
final class RefusedChoiceException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** Why the choice is refused, shown by the payment page: unknown, closed or expired. */
  final String state;

  RefusedChoiceException(String state, String message) {
    super(message);
    this.state = state;
  }
}
