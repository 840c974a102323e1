package fr.socle.refdata.validation;

import fr.socle.core.InvalidInputException;

/**
 * Thrown by {@link ValidationResult#orElseThrow()} for an invalid identifier. The message names the
 * kind and the reason, never the value (a NIR is personal data). An {@link InvalidInputException},
 * so that one {@code catch} handles every bad value given to Socle; catch this subtype to branch on
 * {@link #kind()} and {@link #reason()}.
 */
public class InvalidIdentifierException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient IdentifierKind kind;
  private final transient InvalidReason reason;

  /**
   * Creates the exception.
   *
   * @param kind the identifier kind
   * @param reason why it was rejected
   * @param detail a human-readable explanation without the value
   */
  public InvalidIdentifierException(IdentifierKind kind, InvalidReason reason, String detail) {
    super("invalid " + kind + " (" + reason + "): " + detail);
    this.kind = kind;
    this.reason = reason;
  }

  /**
   * Returns the identifier kind.
   *
   * @return the kind
   */
  public IdentifierKind kind() {
    return kind;
  }

  /**
   * Returns why the identifier was rejected.
   *
   * @return the reason
   */
  public InvalidReason reason() {
    return reason;
  }
}
