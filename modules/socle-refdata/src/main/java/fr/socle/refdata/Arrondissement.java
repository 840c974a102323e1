package fr.socle.refdata;

import java.util.Objects;

/**
 * An arrondissement départemental (the territory of a sous-préfecture), not to be confused with the
 * municipal arrondissements of Paris, Marseille and Lyon ({@link
 * CommuneType#ARRONDISSEMENT_MUNICIPAL}).
 *
 * @param code the INSEE code: the département code and one digit ({@code 011}, {@code 2A1}, {@code
 *     9741})
 * @param nom the name, usually that of its chef-lieu
 * @param departementCode the département
 * @param regionCode the région
 * @param chefLieu the INSEE code of its chef-lieu commune (préfecture or sous-préfecture)
 * @param millesime the COG vintage this record comes from
 */
public record Arrondissement(
    String code,
    String nom,
    String departementCode,
    String regionCode,
    String chefLieu,
    Millesime millesime) {

  /**
   * Validates the record.
   *
   * @param code the INSEE code: the département code and one digit ({@code 011}, {@code 2A1},
   *     {@code 9741})
   * @param nom the name, usually that of its chef-lieu
   * @param departementCode the département
   * @param regionCode the région
   * @param chefLieu the INSEE code of its chef-lieu commune (préfecture or sous-préfecture)
   * @param millesime the COG vintage this record comes from
   */
  public Arrondissement {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(departementCode, "departementCode");
    Objects.requireNonNull(regionCode, "regionCode");
    Objects.requireNonNull(chefLieu, "chefLieu");
    Objects.requireNonNull(millesime, "millesime");
  }
}
