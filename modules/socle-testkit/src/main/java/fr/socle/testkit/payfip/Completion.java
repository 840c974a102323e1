package fr.socle.testkit.payfip;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened when the payer chose an outcome on the simulated payment page.
 *
 * @param idOp the operation
 * @param outcome what the payer chose
 * @param redirect where the browser is sent back ({@code urlredirect?idop=...}); empty for {@link
 *     Outcome#NO_ANSWER}
 * @param notifications the notifications already made when the choice returned; empty if the
 *     notification was dropped, delayed or the outcome was {@link Outcome#NO_ANSWER} (a delayed one
 *     shows up later in {@link PayfipSimulator#notifications()})
 */
public record Completion(
    String idOp, Outcome outcome, Optional<URI> redirect, List<NotificationAttempt> notifications) {

  /**
   * Validates the fields and copies the list.
   *
   * @param idOp the operation
   * @param outcome what the payer chose
   * @param redirect where the browser is sent back ({@code urlredirect?idop=...}); empty for {@link
   *     Outcome#NO_ANSWER}
   * @param notifications the notifications already made when the choice returned; empty if the
   *     notification was dropped, delayed or the outcome was {@link Outcome#NO_ANSWER} (a delayed
   *     one shows up later in {@link PayfipSimulator#notifications()})
   */
  public Completion {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(redirect, "redirect");
    notifications = List.copyOf(notifications);
  }
}
