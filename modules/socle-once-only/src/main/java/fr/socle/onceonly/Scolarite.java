package fr.socle.onceonly;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A pupil's schooling status for a school year (Éducation nationale through API Particulier v5), as
 * school transport and school aids need it.
 *
 * <p>Immutable. {@link #toString()} prints nothing personal.
 *
 * @param anneeScolaire the school year
 * @param estScolarise true if the pupil is enrolled
 * @param estBoursier true if the pupil holds a collège or lycée grant
 * @param echelonBourse the grant step, if any
 * @param codeUai the school's UAI code, if enrolled
 * @param statutEleve the pupil's status label (for example {@code SCOLAIRE}), if returned
 * @param regimePensionnat the boarding regime label (for example {@code DEMI-PENSIONNAIRE}), if
 *     returned
 */
public record Scolarite(
    String anneeScolaire,
    boolean estScolarise,
    boolean estBoursier,
    OptionalInt echelonBourse,
    Optional<String> codeUai,
    Optional<String> statutEleve,
    Optional<String> regimePensionnat) {

  /**
   * Validates the record.
   *
   * @param anneeScolaire the school year
   * @param estScolarise true if the pupil is enrolled
   * @param estBoursier true if the pupil holds a collège or lycée grant
   * @param echelonBourse the grant step, if any
   * @param codeUai the school's UAI code, if enrolled
   * @param statutEleve the pupil's status label (for example {@code SCOLAIRE}), if returned
   * @param regimePensionnat the boarding regime label (for example {@code DEMI-PENSIONNAIRE}), if
   *     returned
   */
  public Scolarite {
    Objects.requireNonNull(anneeScolaire, "anneeScolaire");
    Objects.requireNonNull(echelonBourse, "echelonBourse");
    Objects.requireNonNull(codeUai, "codeUai");
    Objects.requireNonNull(statutEleve, "statutEleve");
    Objects.requireNonNull(regimePensionnat, "regimePensionnat");
  }

  @Override
  public String toString() {
    return "Scolarite[" + anneeScolaire + ", redacted]";
  }
}
