package fr.socle.testkit.onceonly;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person of the simulator's catalogue (all invented).
 *
 * @param nomNaissance the birth name
 * @param nomUsage the usage name, if any
 * @param prenoms the first names
 * @param sexe {@code M} or {@code F}
 * @param dateNaissance the birth date
 * @param codePaysNaissance the birth country's COG code
 * @param codeCommuneNaissance the birth commune's COG code, for people born in France
 * @param nomCommuneNaissance the birth commune's name, for people born in France
 */
public record SimulatedPerson(
    String nomNaissance,
    Optional<String> nomUsage,
    List<String> prenoms,
    String sexe,
    LocalDate dateNaissance,
    String codePaysNaissance,
    Optional<String> codeCommuneNaissance,
    Optional<String> nomCommuneNaissance) {

  /**
   * Validates the record.
   *
   * @param nomNaissance the birth name
   * @param nomUsage the usage name, if any
   * @param prenoms the first names
   * @param sexe {@code M} or {@code F}
   * @param dateNaissance the birth date
   * @param codePaysNaissance the birth country's COG code
   * @param codeCommuneNaissance the birth commune's COG code, for people born in France
   * @param nomCommuneNaissance the birth commune's name, for people born in France
   */
  public SimulatedPerson {
    Objects.requireNonNull(nomNaissance, "nomNaissance");
    Objects.requireNonNull(nomUsage, "nomUsage");
    prenoms = List.copyOf(prenoms);
    Objects.requireNonNull(sexe, "sexe");
    Objects.requireNonNull(dateNaissance, "dateNaissance");
    Objects.requireNonNull(codePaysNaissance, "codePaysNaissance");
    Objects.requireNonNull(codeCommuneNaissance, "codeCommuneNaissance");
    Objects.requireNonNull(nomCommuneNaissance, "nomCommuneNaissance");
  }

  static SimulatedPerson born(
      String nom,
      String usage,
      String prenoms,
      String sexe,
      String date,
      String commune,
      String nomCommune) {
    return new SimulatedPerson(
        nom,
        Optional.ofNullable(usage),
        List.of(prenoms.split(" ")),
        sexe,
        LocalDate.parse(date),
        "99100",
        Optional.of(commune),
        Optional.of(nomCommune));
  }

  static SimulatedPerson bornAbroad(
      String nom, String prenoms, String sexe, String date, String pays) {
    return new SimulatedPerson(
        nom,
        Optional.empty(),
        List.of(prenoms.split(" ")),
        sexe,
        LocalDate.parse(date),
        pays,
        Optional.empty(),
        Optional.empty());
  }
}
