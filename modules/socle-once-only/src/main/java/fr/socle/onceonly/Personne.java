package fr.socle.onceonly;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a CAF or MSA household (allocataire or child), as API Particulier returns it.
 *
 * <p>Immutable. {@link #toString()} prints nothing personal.
 *
 * @param nomNaissance the birth name
 * @param nomUsage the usage name, if any
 * @param prenoms the first names, space-separated as the API returns them
 * @param dateNaissance the birth date as given ({@code YYYY-MM-DD}; CAF writes {@code 00} for an
 *     unknown day or month, see {@link #dateNaissanceComplete()})
 * @param sexe {@code M} or {@code F}, if given
 */
public record Personne(
    String nomNaissance,
    Optional<String> nomUsage,
    String prenoms,
    Optional<String> dateNaissance,
    Optional<String> sexe) {

  /**
   * Validates the record.
   *
   * @param nomNaissance the birth name
   * @param nomUsage the usage name, if any
   * @param prenoms the first names, space-separated as the API returns them
   * @param dateNaissance the birth date as given ({@code YYYY-MM-DD}; CAF writes {@code 00} for an
   *     unknown day or month, see {@link #dateNaissanceComplete()})
   * @param sexe {@code M} or {@code F}, if given
   */
  public Personne {
    Objects.requireNonNull(nomNaissance, "nomNaissance");
    Objects.requireNonNull(nomUsage, "nomUsage");
    Objects.requireNonNull(prenoms, "prenoms");
    Objects.requireNonNull(dateNaissance, "dateNaissance");
    Objects.requireNonNull(sexe, "sexe");
  }

  /**
   * Returns the birth date when it is complete.
   *
   * @return the date, empty when the day or month is unknown ({@code 2020-00-00})
   */
  public Optional<LocalDate> dateNaissanceComplete() {
    return dateNaissance.flatMap(
        d -> {
          try {
            return Optional.of(LocalDate.parse(d));
          } catch (DateTimeException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public String toString() {
    return "Personne[redacted]";
  }
}
