package fr.socle.onceonly;

import fr.socle.core.InvalidInputException;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A household's quotient familial, from CNAF or MSA through API Particulier.
 *
 * <p>{@link #periode()} is the month the value applies to (the one asked for, the current month by
 * default); {@link #moisCalcul()} is when the fund last computed it (CAF recomputes only when the
 * situation changes, so it can be older). The members are always those of the <em>current</em>
 * month, even for a past quotient.
 *
 * <p>Immutable. {@link #toString()} shows the fund and the period, never the value or the members.
 *
 * @param fournisseur CNAF or MSA
 * @param valeur the quotient familial, in euros, zero or positive
 * @param periode the month the value applies to
 * @param moisCalcul the month the fund computed it
 * @param allocataires the beneficiaries (one or two adults)
 * @param enfants the children of the household, possibly none
 * @param adresse the declared postal address, if returned
 */
public record QuotientFamilial(
    Fournisseur fournisseur,
    int valeur,
    YearMonth periode,
    YearMonth moisCalcul,
    List<Personne> allocataires,
    List<Personne> enfants,
    Optional<AdressePostale> adresse) {

  /**
   * Validates the record.
   *
   * @param fournisseur CNAF or MSA
   * @param valeur the quotient familial, in euros, zero or positive
   * @param periode the month the value applies to
   * @param moisCalcul the month the fund computed it
   * @param allocataires the beneficiaries (one or two adults)
   * @param enfants the children of the household, possibly none
   * @param adresse the declared postal address, if returned
   */
  public QuotientFamilial {
    Objects.requireNonNull(fournisseur, "fournisseur");
    Objects.requireNonNull(periode, "periode");
    Objects.requireNonNull(moisCalcul, "moisCalcul");
    Objects.requireNonNull(adresse, "adresse");
    allocataires = List.copyOf(allocataires);
    enfants = List.copyOf(enfants);
    if (valeur < 0) {
      throw new InvalidInputException("a quotient familial cannot be negative");
    }
  }

  @Override
  public String toString() {
    return "QuotientFamilial[" + fournisseur + " " + periode + ", value redacted]";
  }
}
