package fr.socle.refdata;

import java.util.List;
import java.util.Objects;

/**
 * An établissement public de coopération intercommunale à fiscalité propre (DGCL list).
 *
 * @param siren the SIREN, which is also its code
 * @param nom the name
 * @param type {@code CC}, {@code CA}, {@code CU}, {@code METRO} or {@code MET69} (Métropole de
 *     Lyon)
 * @param financing {@code FPU} (fiscalité professionnelle unique) or {@code FA} (fiscalité
 *     additionnelle)
 * @param populationTotale the population totale
 * @param populationMunicipale the population municipale
 * @param memberCodes the INSEE codes of the member communes
 * @param millesime the COG vintage this record comes from
 */
public record Epci(
    String siren,
    String nom,
    String type,
    String financing,
    long populationTotale,
    long populationMunicipale,
    List<String> memberCodes,
    Millesime millesime) {

  /**
   * Validates the record and makes its member list unmodifiable.
   *
   * @param siren the SIREN, which is also its code
   * @param nom the name
   * @param type {@code CC}, {@code CA}, {@code CU}, {@code METRO} or {@code MET69} (Métropole de
   *     Lyon)
   * @param financing {@code FPU} (fiscalité professionnelle unique) or {@code FA} (fiscalité
   *     additionnelle)
   * @param populationTotale the population totale
   * @param populationMunicipale the population municipale
   * @param memberCodes the INSEE codes of the member communes
   * @param millesime the COG vintage this record comes from
   */
  public Epci {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(financing, "financing");
    memberCodes = List.copyOf(memberCodes);
    Objects.requireNonNull(millesime, "millesime");
  }

  /**
   * Returns the SIREN, the EPCI's code.
   *
   * @return the SIREN
   */
  public String code() {
    return siren;
  }
}
