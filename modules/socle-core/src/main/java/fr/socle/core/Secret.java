package fr.socle.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value: a client secret, an API key, a password, key material.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li>{@link #toString()} never prints the value, so a secret that reaches a log, an exception
 *       message or a debugger's variable view shows {@code Secret[redacted]};
 *   <li>{@link #equals(Object)} and {@link #matches(Secret)} compare in constant time (no timing
 *       oracle);
 *   <li>the value leaves only through {@link #reveal()} or {@link #revealBytes()}, explicit calls
 *       that a reviewer can grep for;
 *   <li>the bytes are copied in and out: mutating the array given to {@link #of(byte[])} or
 *       returned by {@link #revealBytes()} does not change the secret.
 * </ul>
 *
 * <p>Immutable and thread-safe. Not serializable on purpose.
 *
 * <pre>{@code
 * Secret clientSecret = Secret.of(System.getenv("FC_CLIENT_SECRET"));
 * }</pre>
 */
public final class Secret {
  private final byte[] value;

  private Secret(byte[] value) {
    this.value = value;
  }

  /**
   * Wraps a textual secret, encoded as UTF-8.
   *
   * @param value the secret, not null and not empty
   * @return the secret
   * @throws SocleClientException if the value is null or empty (a missing environment variable,
   *     usually)
   */
  public static Secret of(String value) {
    if (value == null || value.isEmpty()) {
      throw new SocleClientException("secret is missing or empty: check the configuration");
    }
    return new Secret(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Wraps binary key material. The array is copied.
   *
   * @param value the secret bytes, not null and not empty
   * @return the secret
   * @throws SocleClientException if the value is null or empty
   */
  public static Secret of(byte[] value) {
    if (value == null || value.length == 0) {
      throw new SocleClientException("secret is missing or empty: check the configuration");
    }
    return new Secret(value.clone());
  }

  /**
   * Returns the secret as text (UTF-8). Each call is a place where the secret leaves its wrapper:
   * keep it out of logs.
   *
   * @return the secret text
   */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * Returns a copy of the secret bytes. The caller may wipe the copy when done.
   *
   * @return a new array holding the secret
   */
  public byte[] revealBytes() {
    return value.clone();
  }

  /**
   * Returns the length of the secret in bytes, which is not considered secret.
   *
   * @return the number of bytes
   */
  public int length() {
    return value.length;
  }

  /**
   * Compares with another secret in time that does not depend on where they differ.
   *
   * @param other the secret to compare with
   * @return true if both hold the same bytes
   */
  public boolean matches(Secret other) {
    Objects.requireNonNull(other, "other");
    return MessageDigest.isEqual(value, other.value);
  }

  /**
   * Compares with a textual candidate (for example a value received from a peer) in constant time.
   *
   * @param candidate the text to compare with; null never matches
   * @return true if the candidate's UTF-8 bytes equal the secret
   */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && matches(other);
  }

  @Override
  public int hashCode() {
    // A constant: a content-derived hash would leak information about the secret.
    return 0x5ec7e7;
  }

  /** Returns {@code Secret[redacted]}, never the value. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
