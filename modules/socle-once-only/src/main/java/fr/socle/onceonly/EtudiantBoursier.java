package fr.socle.onceonly;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A student's CROUS grant status (CNOUS through API Particulier v4).
 *
 * <p>Immutable. {@link #toString()} prints nothing personal.
 *
 * @param estBoursier true if the student holds a grant
 * @param estRadie true if the grant was withdrawn
 * @param echelon the grant step ({@code 0bis}, {@code 1} ... {@code 7}), if any
 * @param dateRentree the start of the payment period, if returned
 * @param dureeMois the payment period in months, if returned
 * @param nomEtablissement the institution of study, if returned
 * @param communeEtablissement its commune, if returned
 */
public record EtudiantBoursier(
    boolean estBoursier,
    boolean estRadie,
    Optional<String> echelon,
    Optional<LocalDate> dateRentree,
    Optional<Integer> dureeMois,
    Optional<String> nomEtablissement,
    Optional<String> communeEtablissement) {

  /**
   * Validates the record.
   *
   * @param estBoursier true if the student holds a grant
   * @param estRadie true if the grant was withdrawn
   * @param echelon the grant step ({@code 0bis}, {@code 1} ... {@code 7}), if any
   * @param dateRentree the start of the payment period, if returned
   * @param dureeMois the payment period in months, if returned
   * @param nomEtablissement the institution of study, if returned
   * @param communeEtablissement its commune, if returned
   */
  public EtudiantBoursier {
    Objects.requireNonNull(echelon, "echelon");
    Objects.requireNonNull(dateRentree, "dateRentree");
    Objects.requireNonNull(dureeMois, "dureeMois");
    Objects.requireNonNull(nomEtablissement, "nomEtablissement");
    Objects.requireNonNull(communeEtablissement, "communeEtablissement");
  }

  @Override
  public String toString() {
    return "EtudiantBoursier[redacted]";
  }
}
