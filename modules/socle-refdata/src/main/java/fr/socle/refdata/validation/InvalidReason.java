package fr.socle.refdata.validation;

/** Why an identifier was rejected. */
public enum InvalidReason {
  /** Nothing left after removing spaces, dots and dashes. */
  EMPTY,
  /** Wrong length. */
  LENGTH,
  /** Wrong characters or structure (letters where digits are expected, impossible month...). */
  FORMAT,
  /** The check digit or key does not match. */
  CHECKSUM,
  /** Well formed, but the country is not supported (IBAN). */
  UNSUPPORTED_COUNTRY,
  /** Well formed, but absent from the reference (COG commune codes, postal codes). */
  UNKNOWN,
  /** Well formed and once valid, but replaced: the code of a former commune. */
  OUTDATED
}
