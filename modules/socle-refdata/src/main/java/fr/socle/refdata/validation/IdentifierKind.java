package fr.socle.refdata.validation;

/** The identifiers {@link Validators} checks. */
public enum IdentifierKind {
  /** SIREN, 9 digits: a legal unit. */
  SIREN,
  /** SIRET, 14 digits: an establishment (SIREN + NIC). */
  SIRET,
  /** French intra-community VAT number, {@code FR} + key + SIREN. */
  VAT_NUMBER,
  /** NIR (numéro de sécurité sociale) or temporary NIA, 15 characters. Personal data. */
  NIR,
  /** IBAN, any country. */
  IBAN,
  /** French RIB: bank, branch, account and key. */
  RIB,
  /** INSEE commune code, 5 characters. */
  COMMUNE_CODE,
  /** Postal code, 5 digits. */
  POSTAL_CODE,
  /** RNA association number, {@code W} + 9 characters. */
  RNA,
  /** FINESS number of a health or social establishment, 9 characters. */
  FINESS,
  /** UAI (ex-RNE) of an education establishment, 7 digits and a letter. */
  UAI
}
