package fr.socle.onceonly;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pupil looked up in the Éducation nationale's schooling records ({@code
 * /v5/men/scolarites/identite}): name, 1 to 3 first names, sex and full birth date are required, as
 * is the school year.
 *
 * <p>Immutable. {@link #toString()} prints nothing personal.
 *
 * @param nomNaissance the pupil's birth name
 * @param prenoms 1 to 3 first names
 * @param sexe the civil-status sex
 * @param dateNaissance the full birth date
 * @param anneeScolaire the school year, {@code YYYY-YYYY} with consecutive years (for example
 *     {@code 2025-2026})
 * @param codeEtablissement the school's UAI code, to narrow the search, if known
 */
public record ScolariteQuery(
    String nomNaissance,
    List<String> prenoms,
    Sexe sexe,
    LocalDate dateNaissance,
    String anneeScolaire,
    Optional<String> codeEtablissement) {

  private static final Pattern ANNEE = Pattern.compile("(\\d{4})-(\\d{4})");
  private static final Pattern UAI = Pattern.compile("\\d{7}[A-Z]");

  /**
   * Validates the query.
   *
   * @param nomNaissance the pupil's birth name
   * @param prenoms 1 to 3 first names
   * @param sexe the civil-status sex
   * @param dateNaissance the full birth date
   * @param anneeScolaire the school year, {@code YYYY-YYYY} with consecutive years (for example
   *     {@code 2025-2026})
   * @param codeEtablissement the school's UAI code, to narrow the search, if known
   */
  public ScolariteQuery {
    Objects.requireNonNull(nomNaissance, "nomNaissance");
    Objects.requireNonNull(prenoms, "prenoms");
    Objects.requireNonNull(sexe, "sexe");
    Objects.requireNonNull(dateNaissance, "dateNaissance");
    Objects.requireNonNull(anneeScolaire, "anneeScolaire");
    Objects.requireNonNull(codeEtablissement, "codeEtablissement");
    prenoms = List.copyOf(prenoms);
    if (nomNaissance.isBlank() || nomNaissance.length() > 100) {
      throw new InvalidQueryException("nomNaissance must have 1 to 100 characters");
    }
    if (prenoms.isEmpty() || prenoms.size() > 3 || prenoms.stream().anyMatch(String::isBlank)) {
      throw new InvalidQueryException("prenoms must hold 1 to 3 first names");
    }
    var m = ANNEE.matcher(anneeScolaire);
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw new InvalidQueryException("anneeScolaire must be YYYY-YYYY with consecutive years");
    }
    codeEtablissement.ifPresent(
        c -> {
          if (!UAI.matcher(c).matches()) {
            throw new InvalidQueryException(
                "codeEtablissement must be a UAI code (7 digits, 1 letter)");
          }
        });
  }

  @Override
  public String toString() {
    return "ScolariteQuery[" + anneeScolaire + ", redacted]";
  }
}
