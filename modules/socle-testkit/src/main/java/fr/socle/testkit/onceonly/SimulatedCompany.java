package fr.socle.testkit.onceonly;

import fr.socle.core.SocleException;
import java.util.Objects;
import java.util.Optional;

/**
 * A company or association of the simulator's catalogue (all invented).
 *
 * @param siren the SIREN
 * @param nom the legal name
 * @param formeJuridiqueCode the legal category code
 * @param diffusible false for a unit INSEE may never publish (the simulator answers 451)
 * @param vigilance {@code ok} or {@code refus_de_delivrance}
 * @param attestationFiscale true if the DGFiP delivers an attestation
 * @param rna the RNA number, for an association
 */
public record SimulatedCompany(
    String siren,
    String nom,
    String formeJuridiqueCode,
    boolean diffusible,
    String vigilance,
    boolean attestationFiscale,
    Optional<String> rna) {

  /**
   * Validates the record.
   *
   * @param siren the SIREN
   * @param nom the legal name
   * @param formeJuridiqueCode the legal category code
   * @param diffusible false for a unit INSEE may never publish (the simulator answers 451)
   * @param vigilance {@code ok} or {@code refus_de_delivrance}
   * @param attestationFiscale true if the DGFiP delivers an attestation
   * @param rna the RNA number, for an association
   */
  public SimulatedCompany {
    Objects.requireNonNull(siren, "siren");
    Objects.requireNonNull(nom, "nom");
    Objects.requireNonNull(formeJuridiqueCode, "formeJuridiqueCode");
    Objects.requireNonNull(vigilance, "vigilance");
    Objects.requireNonNull(rna, "rna");
  }

  /**
   * Returns the head office's SIRET (NIC 00011 with a valid check digit computed).
   *
   * @return the SIRET
   */
  public String siretSiege() {
    for (int nic = 10; nic < 100; nic++) {
      String candidate = siren + String.format("%05d", nic);
      if (luhn(candidate)) {
        return candidate;
      }
    }
    throw new SocleException("no NIC gives a valid SIRET for this SIREN");
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
