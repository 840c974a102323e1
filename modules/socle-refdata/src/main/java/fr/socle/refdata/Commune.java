package fr.socle.refdata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A commune, commune déléguée, commune associée or municipal arrondissement of the COG.
 *
 * <p>Only current communes ({@link CommuneType#ACTUELLE}) carry a SIREN and an EPCI; current
 * communes and municipal arrondissements carry postal codes and a population (population municipale
 * of the last legal populations). Délégués and associés carry their {@link #parentCode()} (the
 * current commune they belong to); arrondissements carry their city (75056, 13055, 69123).
 *
 * @param code the INSEE code (5 characters, {@code 2A}/{@code 2B} in Corsica)
 * @param nom the official name, with accents and articles ({@code L'Abergement-Clémenciat})
 * @param type the kind of entry
 * @param departementCode the département code ({@code 01}..{@code 95}, {@code 2A}, {@code 971}...)
 * @param regionCode the région code
 * @param zone metropolitan, DROM or overseas collectivity
 * @param siren the SIREN of the commune as a legal person, current communes only
 * @param population the population municipale, if known
 * @param postalCodes the postal codes serving the commune (a commune can have several, a code can
 *     serve several communes); empty when none
 * @param formerCodes the codes this commune had or absorbed ({@code anciensCodes}), for example
 *     {@code 93059} for Saint-Denis 93066 since the 2025 merger
 * @param parentCode for a délégué or associé, its current commune; for an arrondissement, its city
 * @param epciCode the SIREN of the EPCI the current commune belongs to, if any
 * @param arrondissementCode the arrondissement départemental ({@link Arrondissement}) the entry
 *     lies in; empty for the overseas collectivities and Mayotte, which have none
 * @param chefLieuRank for a current commune, the highest seat it holds (région, département,
 *     arrondissement); {@link ChefLieuRank#NONE} for other entries
 * @param millesime the COG vintage this record comes from
 */
public record Commune(
    String code,
    String nom,
    CommuneType type,
    String departementCode,
    String regionCode,
    Zone zone,
    Optional<String> siren,
    OptionalInt population,
    List<String> postalCodes,
    List<String> formerCodes,
    Optional<String> parentCode,
    Optional<String> epciCode,
    Optional<String> arrondissementCode,
    ChefLieuRank chefLieuRank,
    Millesime millesime) {

  /**
   * Validates the record and makes its lists unmodifiable.
   *
   * @param code the INSEE code (5 characters, {@code 2A}/{@code 2B} in Corsica)
   * @param nom the official name, with accents and articles ({@code L'Abergement-Clémenciat})
   * @param type the kind of entry
   * @param departementCode the département code ({@code 01}..{@code 95}, {@code 2A}, {@code
   *     971}...)
   * @param regionCode the région code
   * @param zone metropolitan, DROM or overseas collectivity
   * @param siren the SIREN of the commune as a legal person, current communes only
   * @param population the population municipale, if known
   * @param postalCodes the postal codes serving the commune (a commune can have several, a code can
   *     serve several communes); empty when none
   * @param formerCodes the codes this commune had or absorbed ({@code anciensCodes}), for example
   *     {@code 93059} for Saint-Denis 93066 since the 2025 merger
   * @param parentCode for a délégué or associé, its current commune; for an arrondissement, its
   *     city
   * @param epciCode the SIREN of the EPCI the current commune belongs to, if any
   * @param millesime the COG vintage this record comes from
   * @param arrondissementCode the arrondissement départemental ({@link Arrondissement}) the entry
   *     lies in; empty for the overseas collectivities and Mayotte, which have none
   * @param chefLieuRank for a current commune, the highest seat it holds (région, département,
   *     arrondissement); {@link ChefLieuRank#NONE} for other entries
   */
  public Commune {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(departementCode, "departementCode");
    Objects.requireNonNull(regionCode, "regionCode");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(population, "population");
    postalCodes = List.copyOf(postalCodes);
    formerCodes = List.copyOf(formerCodes);
    Objects.requireNonNull(parentCode, "parentCode");
    Objects.requireNonNull(epciCode, "epciCode");
    Objects.requireNonNull(arrondissementCode, "arrondissementCode");
    Objects.requireNonNull(chefLieuRank, "chefLieuRank");
    Objects.requireNonNull(millesime, "millesime");
  }

  /**
   * Tells whether this is a current commune.
   *
   * @return true for {@link CommuneType#ACTUELLE}
   */
  public boolean isCurrent() {
    return type == CommuneType.ACTUELLE;
  }

  @Override
  public String toString() {
    return nom + " (" + code + ", " + type.apiName() + ", COG " + millesime.year() + ")";
  }
}
