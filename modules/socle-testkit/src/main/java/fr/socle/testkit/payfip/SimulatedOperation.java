package fr.socle.testkit.payfip;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one operation held by the simulator, for assertions in tests.
 *
 * @param idOp the operation id returned by {@code creerPaiementSecurise}
 * @param numcli the régie's client number
 * @param exer the budget year, as sent
 * @param refdet the debt reference
 * @param objet the label, empty if none was sent
 * @param montant the amount in cents
 * @param mel the payer's e-mail
 * @param urlnotif the notification URL
 * @param urlredirect the browser return URL
 * @param saisie the mode letter (T, X or W)
 * @param createdAt when the operation was created, on the simulator's clock
 * @param result the {@code resultrans} letter, empty while no result is known (P5)
 * @param resultAt when the result was recorded, empty while none
 */
public record SimulatedOperation(
    String idOp,
    String numcli,
    String exer,
    String refdet,
    Optional<String> objet,
    long montant,
    String mel,
    String urlnotif,
    String urlredirect,
    String saisie,
    Instant createdAt,
    Optional<String> result,
    Optional<Instant> resultAt) {

  /**
   * Validates the fields.
   *
   * @param idOp the operation id returned by {@code creerPaiementSecurise}
   * @param numcli the régie's client number
   * @param exer the budget year, as sent
   * @param refdet the debt reference
   * @param objet the label, empty if none was sent
   * @param montant the amount in cents
   * @param mel the payer's e-mail
   * @param urlnotif the notification URL
   * @param urlredirect the browser return URL
   * @param saisie the mode letter (T, X or W)
   * @param createdAt when the operation was created, on the simulator's clock
   * @param result the {@code resultrans} letter, empty while no result is known (P5)
   * @param resultAt when the result was recorded, empty while none
   */
  public SimulatedOperation {
    Objects.requireNonNull(idOp, "idOp");
    Objects.requireNonNull(numcli, "numcli");
    Objects.requireNonNull(exer, "exer");
    Objects.requireNonNull(refdet, "refdet");
    Objects.requireNonNull(objet, "objet");
    Objects.requireNonNull(mel, "mel");
    Objects.requireNonNull(urlnotif, "urlnotif");
    Objects.requireNonNull(urlredirect, "urlredirect");
    Objects.requireNonNull(saisie, "saisie");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(resultAt, "resultAt");
  }

  @Override
  public String toString() {
    // The payer's e-mail is personal data: kept out of test logs.
    return "SimulatedOperation[idOp="
        + idOp
        + ", numcli="
        + numcli
        + ", refdet="
        + refdet
        + ", montant="
        + montant
        + ", saisie="
        + saisie
        + ", result="
        + result.orElse("none")
        + "]";
  }
}
