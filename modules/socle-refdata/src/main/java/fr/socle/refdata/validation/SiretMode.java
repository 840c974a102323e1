package fr.socle.refdata.validation;

/**
 * How SIRETs of La Poste (SIREN 356000000) are checked. La Poste's establishments outgrew the Luhn
 * key: their SIRETs (except the head office 35600000000048) follow another rule, the sum of the 14
 * digits being a multiple of 5.
 */
public enum SiretMode {
  /**
   * Luhn on the SIREN and on the SIRET; La Poste SIRETs must have a digit sum that is a multiple of
   * 5. Rejects what cannot exist.
   */
  STRICT,
  /**
   * Luhn on the 14 digits, and any {@code 356000000} SIRET accepted without a check, as the State
   * APIs (API Entreprise, API Particulier) do. Use it when a SIRET rejected by Socle but accepted
   * by the State would block a user.
   */
  STATE_API
}
