package fr.socle.refdata.validation;

/** Facts a validator learnt about a valid identifier, beyond "valid". */
public enum Qualifier {
  /** SIREN/SIRET of a public body (SIREN starting with 1 or 2). */
  PUBLIC_BODY,
  /** SIRET of a La Poste establishment, checked with La Poste's rule instead of Luhn. */
  LA_POSTE,
  /**
   * La Poste SIRET accepted without any check, as the State APIs do ({@link SiretMode#STATE_API}).
   */
  LA_POSTE_UNCHECKED,
  /** VAT number of a Monaco company (not a SIREN). */
  MONACO,
  /** VAT number with a new-style alphanumeric key. */
  ALPHANUMERIC_KEY,
  /** NIR or NIA of a person born in Corsica (département 2A or 2B). */
  CORSICA,
  /** NIR or NIA of a person born abroad (département 99, then the INSEE country code). */
  BORN_ABROAD,
  /** NIR or NIA of a person born overseas (département 97 or 98, commune on 3 digits). */
  BORN_OVERSEAS,
  /** Temporary NIA (sex digit 7 or 8), given while a NIR is being assigned. */
  TEMPORARY_NIA,
  /** The check digit could not be verified (FINESS with a letter in its département prefix). */
  CHECK_DIGIT_NOT_VERIFIED,
  /** Format checked only: no reference data was consulted. */
  FORMAT_ONLY
}
