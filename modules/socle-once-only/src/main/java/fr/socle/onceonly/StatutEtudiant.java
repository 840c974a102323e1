package fr.socle.onceonly;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A student's enrolments in higher education (MESRI through API Particulier).
 *
 * <p>Immutable. {@link #toString()} prints nothing personal.
 *
 * @param admissions the enrolments, possibly none
 */
public record StatutEtudiant(List<Admission> admissions) {

  /**
   * Validates the record.
   *
   * @param admissions the enrolments, possibly none
   */
  public StatutEtudiant {
    admissions = List.copyOf(admissions);
  }

  /**
   * Tells whether the student is enrolled (not only pre-registered) on a date.
   *
   * @param date the date
   * @return true if an enrolment covers it
   */
  public boolean estInscritLe(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return admissions.stream()
        .anyMatch(
            a ->
                a.estInscrit()
                    && a.dateDebut().map(d -> !d.isAfter(date)).orElse(true)
                    && a.dateFin().map(d -> !d.isBefore(date)).orElse(true));
  }

  @Override
  public String toString() {
    return "StatutEtudiant[" + admissions.size() + " admissions]";
  }

  /**
   * One enrolment.
   *
   * @param dateDebut start of the enrolment
   * @param dateFin end of the enrolment
   * @param estInscrit true if enrolled, false if only pre-registered
   * @param regimeFormation the training regime label (initial, continue...), if returned
   * @param codeCommune COG code of the place of study, if returned
   * @param uai the institution's UAI code, if returned
   * @param nomEtablissement the institution's name, if returned
   */
  public record Admission(
      Optional<LocalDate> dateDebut,
      Optional<LocalDate> dateFin,
      boolean estInscrit,
      Optional<String> regimeFormation,
      Optional<String> codeCommune,
      Optional<String> uai,
      Optional<String> nomEtablissement) {

    /**
     * Validates the record.
     *
     * @param dateDebut start of the enrolment
     * @param dateFin end of the enrolment
     * @param estInscrit true if enrolled, false if only pre-registered
     * @param regimeFormation the training regime label (initial, continue...), if returned
     * @param codeCommune COG code of the place of study, if returned
     * @param uai the institution's UAI code, if returned
     * @param nomEtablissement the institution's name, if returned
     */
    public Admission {
      Objects.requireNonNull(dateDebut, "dateDebut");
      Objects.requireNonNull(dateFin, "dateFin");
      Objects.requireNonNull(regimeFormation, "regimeFormation");
      Objects.requireNonNull(codeCommune, "codeCommune");
      Objects.requireNonNull(uai, "uai");
      Objects.requireNonNull(nomEtablissement, "nomEtablissement");
    }
  }
}
