package fr.socle.storage.spi;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A data key encrypted under a tenant's key-encryption key.
 *
 * @param kekId identifier of the key-encryption key (version) that wrapped it, so rotation can tell
 *     which data keys still need re-wrapping; not secret
 * @param ciphertext the wrapped key; not secret, but useless without the key-encryption key
 */
public record WrappedKey(String kekId, byte[] ciphertext) {
  /**
   * Validates and copies.
   *
   * @param kekId identifier of the key-encryption key (version) that wrapped it, so rotation can
   *     tell which data keys still need re-wrapping; not secret
   * @param ciphertext the wrapped key; not secret, but useless without the key-encryption key
   */
  public WrappedKey {
    Objects.requireNonNull(kekId, "kekId");
    ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
  }

  /**
   * The wrapped key.
   *
   * @return a copy, so that the record stays immutable
   */
  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedKey w
        && kekId.equals(w.kekId)
        && Arrays.equals(ciphertext, w.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * kekId.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "WrappedKey[kekId=" + kekId + ", " + ciphertext.length + " bytes]";
  }

  /**
   * Encodes the ciphertext in base64.
   *
   * @return base64 of the ciphertext
   */
  public String ciphertextBase64() {
    return Base64.getEncoder().encodeToString(ciphertext);
  }
}
