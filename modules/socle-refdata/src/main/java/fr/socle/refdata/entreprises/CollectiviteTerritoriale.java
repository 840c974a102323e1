package fr.socle.refdata.entreprises;

import java.util.Objects;
import java.util.Optional;

/**
 * The local authority a legal unit is, when it is one.
 *
 * @param code the collectivité code (commune INSEE code, EPCI SIREN, département code + {@code D}
 *     except special cases such as {@code 75C}, région code)
 * @param codeInsee the INSEE code, if any
 * @param niveau {@code commune}, {@code epci}, {@code département}, {@code région}...
 */
public record CollectiviteTerritoriale(
    String code, Optional<String> codeInsee, Optional<String> niveau) {

  /**
   * Validates the record.
   *
   * @param code the collectivité code (commune INSEE code, EPCI SIREN, département code + {@code D}
   *     except special cases such as {@code 75C}, région code)
   * @param codeInsee the INSEE code, if any
   * @param niveau {@code commune}, {@code epci}, {@code département}, {@code région}...
   */
  public CollectiviteTerritoriale {
    Objects.requireNonNull(code, "code");
  }
}
