package fr.socle.onceonly.internal;

import fr.socle.core.Secret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fingerprints of tokens: the first 16 hex digits of their SHA-256. Enough to tell tokens apart in
 * rate-limit keys and audit trails, useless to call the API with.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /**
   * Returns a token's fingerprint.
   *
   * @param token the token
   * @return 16 lower-case hex digits
   */
  public static String of(Secret token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(token.revealBytes());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
