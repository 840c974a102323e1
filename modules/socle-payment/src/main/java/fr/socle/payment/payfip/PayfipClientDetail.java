package fr.socle.payment.payfip;

import java.util.Objects;

/**
 * The answer of {@code recupererDetailClient}: how PayFiP knows a régie. Getting one proves that
 * the client number exists and is open to the web service.
 *
 * @param numcli the client number PayFiP echoed
 * @param libelleN1 first label line (usually the collectivité), possibly empty
 * @param libelleN2 second label line, possibly empty
 * @param libelleN3 third label line, possibly empty
 */
public record PayfipClientDetail(
    String numcli, String libelleN1, String libelleN2, String libelleN3) {

  /**
   * Checks that no component is null.
   *
   * @param numcli the client number PayFiP echoed
   * @param libelleN1 first label line (usually the collectivité), possibly empty
   * @param libelleN2 second label line, possibly empty
   * @param libelleN3 third label line, possibly empty
   */
  public PayfipClientDetail {
    Objects.requireNonNull(numcli, "numcli");
    Objects.requireNonNull(libelleN1, "libelleN1");
    Objects.requireNonNull(libelleN2, "libelleN2");
    Objects.requireNonNull(libelleN3, "libelleN3");
  }
}
