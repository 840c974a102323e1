package fr.socle.refdata.validation;

/** The check-digit algorithms, on normalised input. */
final class Checksums {
  // Alphabet of the new-style VAT keys: digits and letters without I and O.
  static final String VAT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  // UAI key letters: no I, O or Q.
  static final String UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
  // RIB letter values: A-I = 1-9, J-R = 1-9, S-Z = 2-9.
  private static final String RIB_LETTERS = "12345678912345678923456789";

  private Checksums() {}

  /** Luhn (mod 10) over a string of digits. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  static int digitSum(CharSequence digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      sum += digits.charAt(i) - '0';
    }
    return sum;
  }

  /** Numeric VAT key: (12 + 3 × (SIREN mod 97)) mod 97. */
  static int vatKey(String siren) {
    return (int) ((12 + 3 * (Long.parseLong(siren) % 97)) % 97);
  }

  /** New-style alphanumeric VAT key check (mod 11). */
  static boolean vatAlphanumericKey(char c0, char c1, String siren) {
    int i0 = VAT_ALPHABET.indexOf(c0);
    int i1 = VAT_ALPHABET.indexOf(c1);
    int check = Character.isDigit(c0) ? i0 * 24 + i1 - 10 : i0 * 34 + i1 - 100;
    return (Long.parseLong(siren) + 1 + check / 11) % 11 == check % 11;
  }

  /** NIR key: 97 − (first 13 mod 97), Corsica 2A → 19, 2B → 18. */
  static int nirKey(String first13) {
    String digits = first13.replace("2A", "19").replace("2B", "18");
    return (int) (97 - Long.parseLong(digits) % 97);
  }

  /** RIB key: 97 − ((89 × bank + 15 × branch + 3 × account) mod 97). */
  static int ribKey(String bank, String branch, String account) {
    long b = Long.parseLong(ribDigits(bank));
    long g = Long.parseLong(ribDigits(branch));
    long c = Long.parseLong(ribDigits(account));
    return (int) (97 - ((89 * b + 15 * g + 3 * c) % 97));
  }

  static String ribDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? RIB_LETTERS.charAt(c - 'A') : c);
    }
    return b.toString();
  }

  static char uaiLetter(String first7) {
    return UAI_LETTERS.charAt(Integer.parseInt(first7) % 23);
  }
}
