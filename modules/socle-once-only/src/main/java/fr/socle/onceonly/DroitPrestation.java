package fr.socle.onceonly;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a person receives a social benefit at the time of the call.
 *
 * <p>Immutable. {@link #toString()} names the benefit only: the status is personal data.
 *
 * @param prestation the benefit
 * @param beneficiaire true if the person receives it now
 * @param avecMajoration for RSA and prime d'activité, whether it is increased (single parent)
 * @param avecParticipation for the complémentaire santé solidaire, whether with a participation
 * @param statutAeeh for the AEEH: {@code allocataire}, {@code ouvrant_droit} or {@code
 *     non_beneficiaire}
 * @param dateDebutDroit when the right opened, if returned
 */
public record DroitPrestation(
    Prestation prestation,
    boolean beneficiaire,
    Optional<Boolean> avecMajoration,
    Optional<Boolean> avecParticipation,
    Optional<String> statutAeeh,
    Optional<LocalDate> dateDebutDroit) {

  /**
   * Validates the record.
   *
   * @param prestation the benefit
   * @param beneficiaire true if the person receives it now
   * @param avecMajoration for RSA and prime d'activité, whether it is increased (single parent)
   * @param avecParticipation for the complémentaire santé solidaire, whether with a participation
   * @param statutAeeh for the AEEH: {@code allocataire}, {@code ouvrant_droit} or {@code
   *     non_beneficiaire}
   * @param dateDebutDroit when the right opened, if returned
   */
  public DroitPrestation {
    Objects.requireNonNull(prestation, "prestation");
    Objects.requireNonNull(avecMajoration, "avecMajoration");
    Objects.requireNonNull(avecParticipation, "avecParticipation");
    Objects.requireNonNull(statutAeeh, "statutAeeh");
    Objects.requireNonNull(dateDebutDroit, "dateDebutDroit");
  }

  @Override
  public String toString() {
    return "DroitPrestation[" + prestation + ", redacted]";
  }
}
