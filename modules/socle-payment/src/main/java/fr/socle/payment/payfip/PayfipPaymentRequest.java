package fr.socle.payment.payfip;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Redaction;
import fr.socle.payment.Saisie;
import java.net.URI;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parameters of a {@code creerPaiementSecurise} call, validated before any network call.
 *
 * <p>The checks are the union of what PayFiP was seen to reject and what mature clients enforce
 * (see {@code docs/payment.md}): a request that passes them can still be refused by PayFiP with a
 * {@link PayfipFunctionalException}, but one that fails them never reaches the network.
 *
 * <p>{@code objet} is normalised, not refused: accents are removed and every character outside
 * {@code [A-Za-z0-9 ]} becomes a space, then the label is cut to 100 characters, because PayFiP
 * rejects or mangles anything else.
 *
 * <p>Immutable. {@link #toString()} redacts the payer's e-mail address.
 *
 * @param numcli the 6-digit PayFiP client number of the régie, for example {@code 006270}
 * @param exer the budget year ("exercice"), 4 digits
 * @param refdet the debt reference, 6 to 30 letters or digits, unique per attempt
 * @param objet the label shown to the payer, normalised; may be empty
 * @param amountCents the amount in euro cents, between {@link #MIN_AMOUNT_CENTS} and {@link
 *     #MAX_AMOUNT_CENTS}
 * @param mel the payer's e-mail address, 6 to 80 characters with one {@code @}
 * @param urlnotif the absolute http(s) URL PayFiP notifies server to server
 * @param urlredirect the absolute http(s) URL the payer's browser returns to
 * @param saisie the mode: test, activation or production
 */
public record PayfipPaymentRequest(
    String numcli,
    int exer,
    String refdet,
    String objet,
    long amountCents,
    String mel,
    URI urlnotif,
    URI urlredirect,
    Saisie saisie) {

  /** The smallest amount accepted: 1 euro, as PayFiP clients enforce. */
  public static final long MIN_AMOUNT_CENTS = 100;

  /**
   * The largest amount accepted: 99,999.99 euros, the lower of the maxima seen in web-service
   * clients.
   */
  public static final long MAX_AMOUNT_CENTS = 9_999_999;

  private static final Pattern NUMCLI = Pattern.compile("[0-9]{6}");
  private static final Pattern REFDET = Pattern.compile("[A-Za-z0-9]{6,30}");
  private static final Pattern MEL = Pattern.compile("[^@\\s<>\"'&]+@[^@\\s<>\"'&]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ACCEPTED = Pattern.compile("[^A-Za-z0-9 ]");
  private static final Pattern SPACES = Pattern.compile(" {2,}");
  private static final int MAX_URL_LENGTH = 250;

  /**
   * Validates every field and normalises {@code objet}.
   *
   * @param numcli the 6-digit PayFiP client number of the régie, for example {@code 006270}
   * @param exer the budget year ("exercice"), 4 digits
   * @param refdet the debt reference, 6 to 30 letters or digits, unique per attempt
   * @param objet the label shown to the payer, normalised; may be empty
   * @param amountCents the amount in euro cents, between {@link #MIN_AMOUNT_CENTS} and {@link
   *     #MAX_AMOUNT_CENTS}
   * @param mel the payer's e-mail address, 6 to 80 characters with one {@code @}
   * @param urlnotif the absolute http(s) URL PayFiP notifies server to server
   * @param urlredirect the absolute http(s) URL the payer's browser returns to
   * @param saisie the mode: test, activation or production
   * @throws InvalidInputException if a field is missing or invalid (the message never contains the
   *     e-mail address)
   */
  public PayfipPaymentRequest {
    numcli = requireNumcli(numcli);
    if (exer < 1000 || exer > 9999) {
      throw new InvalidInputException("exer must be a 4-digit year");
    }
    refdet = requireRefdet(refdet);
    objet = normaliseObjet(objet == null ? "" : objet);
    requireAmount(amountCents);
    mel = requireMel(mel);
    requireUrl(urlnotif, "urlnotif");
    requireUrl(urlredirect, "urlredirect");
    Objects.requireNonNull(saisie, "saisie");
  }

  /**
   * Checks a PayFiP client number.
   *
   * @param numcli the value to check
   * @return the value
   * @throws InvalidInputException unless it is exactly 6 digits
   */
  public static String requireNumcli(String numcli) {
    Objects.requireNonNull(numcli, "numcli");
    if (numcli == null || !NUMCLI.matcher(numcli).matches()) {
      throw new InvalidInputException("numcli must be exactly 6 digits");
    }
    return numcli;
  }

  /**
   * Normalises a label to what PayFiP accepts: accents removed, other characters outside {@code
   * [A-Za-z0-9 ]} replaced by spaces, runs of spaces collapsed, trimmed, at most 100 characters.
   *
   * @param label any text
   * @return the normalised label, possibly empty
   */
  public static String normaliseObjet(String label) {
    String folded = MARKS.matcher(Normalizer.normalize(label, Normalizer.Form.NFD)).replaceAll("");
    folded = folded.replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae");
    String accepted = NOT_ACCEPTED.matcher(folded).replaceAll(" ");
    String collapsed = SPACES.matcher(accepted).replaceAll(" ").trim();
    return collapsed.length() <= 100 ? collapsed : collapsed.substring(0, 100).trim();
  }

  /**
   * Checks a debt reference.
   *
   * @param refdet the value to check
   * @return the value
   * @throws InvalidInputException unless it is 6 to 30 ASCII letters or digits
   */
  public static String requireRefdet(String refdet) {
    Objects.requireNonNull(refdet, "refdet");
    if (refdet == null || !REFDET.matcher(refdet).matches()) {
      throw new InvalidInputException("refdet must be 6 to 30 ASCII letters or digits");
    }
    return refdet;
  }

  /**
   * Checks an amount.
   *
   * @param amountCents the value to check, in euro cents
   * @return the value
   * @throws InvalidInputException unless it is between {@link #MIN_AMOUNT_CENTS} and {@link
   *     #MAX_AMOUNT_CENTS}
   */
  public static long requireAmount(long amountCents) {
    if (amountCents < MIN_AMOUNT_CENTS || amountCents > MAX_AMOUNT_CENTS) {
      throw new InvalidInputException(
          "amount must be between "
              + MIN_AMOUNT_CENTS
              + " and "
              + MAX_AMOUNT_CENTS
              + " cents, got "
              + amountCents);
    }
    return amountCents;
  }

  /**
   * Checks a payer's e-mail address.
   *
   * @param mel the value to check
   * @return the value
   * @throws InvalidInputException unless it is 6 to 80 printable ASCII characters with one
   *     {@code @} (the message never contains the address)
   */
  public static String requireMel(String mel) {
    Objects.requireNonNull(mel, "mel");
    if (mel == null
        || mel.length() < 6
        || mel.length() > 80
        || !MEL.matcher(mel).matches()
        || !mel.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new InvalidInputException(
          "payer e-mail must be 6 to 80 printable ASCII characters with exactly one @");
    }
    return mel;
  }

  /**
   * Checks a notification or return URL.
   *
   * @param url the value to check
   * @param name the parameter's name, for the message
   * @return the value
   * @throws InvalidInputException unless it is an absolute http(s) URL of at most 250 characters
   */
  public static URI requireUrl(URI url, String name) {
    Objects.requireNonNull(url, name);
    if (url == null
        || !url.isAbsolute()
        || url.getHost() == null
        || url.getScheme() == null
        || !("https".equals(url.getScheme().toLowerCase(Locale.ROOT))
            || "http".equals(url.getScheme().toLowerCase(Locale.ROOT)))
        || url.toString().length() > MAX_URL_LENGTH) {
      throw new InvalidInputException(
          name + " must be an absolute http(s) URL of at most " + MAX_URL_LENGTH + " characters");
    }
    return url;
  }

  @Override
  public String toString() {
    return "PayfipPaymentRequest[numcli="
        + numcli
        + ", exer="
        + exer
        + ", refdet="
        + refdet
        + ", amountCents="
        + amountCents
        + ", mel="
        + Redaction.email(mel)
        + ", saisie="
        + saisie
        + "]";
  }
}
