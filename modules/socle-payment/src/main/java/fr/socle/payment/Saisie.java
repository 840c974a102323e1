package fr.socle.payment;

import fr.socle.core.InvalidInputException;

/**
 * PayFiP's {@code saisie} parameter: which environment the payment runs in.
 *
 * <ul>
 *   <li>{@link #TEST} ({@code T}): the payment page accepts a fake card, nothing is charged;
 *   <li>{@link #ACTIVATION} ({@code X}): one real payment made to validate the integration before
 *       the DGFiP opens production;
 *   <li>{@link #PRODUCTION} ({@code W}): real payments in web-service mode.
 * </ul>
 */
public enum Saisie {
  /** Test mode, {@code T}. */
  TEST('T'),
  /** Activation mode, {@code X}. */
  ACTIVATION('X'),
  /** Production web-service mode, {@code W}. */
  PRODUCTION('W');

  private final char code;

  Saisie(char code) {
    this.code = code;
  }

  /**
   * Returns the letter sent to PayFiP.
   *
   * @return {@code T}, {@code X} or {@code W}
   */
  public char code() {
    return code;
  }

  /**
   * Parses the letter PayFiP uses.
   *
   * @param code {@code T}, {@code X} or {@code W}, exactly
   * @return the mode
   * @throws InvalidInputException for any other value
   */
  public static Saisie fromCode(String code) {
    if (code != null && code.length() == 1) {
      for (Saisie s : values()) {
        if (s.code == code.charAt(0)) {
          return s;
        }
      }
    }
    throw new InvalidInputException("saisie must be T, X or W");
  }
}
