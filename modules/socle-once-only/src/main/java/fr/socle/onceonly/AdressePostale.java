package fr.socle.onceonly;

import java.util.Objects;
import java.util.Optional;

/**
 * A postal address in La Poste's seven-line format, as declared by the household to its CAF or MSA
 * (declarative: not proof of residence).
 *
 * @param destinataire line 1
 * @param complementInformation line 2
 * @param complementInformationGeographique line 3
 * @param numeroLibelleVoie line 4
 * @param lieuDit line 5
 * @param codePostalVille line 6
 * @param pays line 7
 */
public record AdressePostale(
    Optional<String> destinataire,
    Optional<String> complementInformation,
    Optional<String> complementInformationGeographique,
    Optional<String> numeroLibelleVoie,
    Optional<String> lieuDit,
    Optional<String> codePostalVille,
    Optional<String> pays) {

  /**
   * Validates the record.
   *
   * @param destinataire line 1
   * @param complementInformation line 2
   * @param complementInformationGeographique line 3
   * @param numeroLibelleVoie line 4
   * @param lieuDit line 5
   * @param codePostalVille line 6
   * @param pays line 7
   */
  public AdressePostale {
    Objects.requireNonNull(destinataire, "destinataire");
    Objects.requireNonNull(complementInformation, "complementInformation");
    Objects.requireNonNull(complementInformationGeographique, "complementInformationGeographique");
    Objects.requireNonNull(numeroLibelleVoie, "numeroLibelleVoie");
    Objects.requireNonNull(lieuDit, "lieuDit");
    Objects.requireNonNull(codePostalVille, "codePostalVille");
    Objects.requireNonNull(pays, "pays");
  }

  @Override
  public String toString() {
    return "AdressePostale[redacted]";
  }
}
