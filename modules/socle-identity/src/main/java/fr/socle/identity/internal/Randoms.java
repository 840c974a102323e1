package fr.socle.identity.internal;

import java.security.SecureRandom;

/** Random values for state, nonce and PKCE verifiers. */
public final class Randoms {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Randoms() {}

  /**
   * Returns 64 characters drawn uniformly from {@code [A-Za-z0-9]} (about 381 bits): FranceConnect
   * once required exactly 64 alphanumerics for the nonce and still rejects short values with {@code
   * Y030007}; 64 satisfies every rule it has had (exact 64, minimum 32, minimum 22).
   *
   * @return a new random string
   */
  public static String alphanumeric64() {
    char[] out = new char[64];
    for (int i = 0; i < out.length; i++) {
      // 62 symbols: nextInt(62) is unbiased (rejection sampling inside SecureRandom).
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /**
   * Returns random bytes.
   *
   * @param n how many
   * @return the bytes
   */
  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
