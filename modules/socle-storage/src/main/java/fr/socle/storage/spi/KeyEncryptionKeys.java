package fr.socle.storage.spi;

/**
 * Holds each tenant's key-encryption key (KEK) and wraps the per-document data keys with it. The
 * data key never leaves the safe's process except wrapped; the KEK should never leave its holder.
 *
 * <p>Implement this over HashiCorp Vault transit ({@code encrypt}/{@code decrypt} with the
 * associated data as derivation context or as part of the plaintext binding), a PKCS#11 HSM (AES
 * key wrap with an authenticated mode) or a cloud KMS. The shipped {@code
 * fr.socle.storage.LocalKeyEncryptionKeys} keeps keysets in local files and is meant for
 * development and tests.
 *
 * <p>Contract: {@code unwrap} must authenticate the associated data: unwrapping with different
 * associated data, another tenant's key, or an altered ciphertext must fail with {@link
 * fr.socle.storage.IntegrityViolationException}. An unreachable key holder fails with another
 * {@link fr.socle.core.SocleException}. Implementations must be thread-safe.
 */
public interface KeyEncryptionKeys {

  /**
   * Wraps a data key under the tenant's current key-encryption key.
   *
   * @param tenant the tenant
   * @param dataKey the serialized data key; the caller wipes it after the call
   * @param associatedData bound to the result; the same bytes are needed to unwrap
   * @return the wrapped key
   */
  WrappedKey wrap(String tenant, byte[] dataKey, byte[] associatedData);

  /**
   * Unwraps a data key with the tenant's key-encryption key (any version still held).
   *
   * @param tenant the tenant
   * @param wrappedKey the wrapped key
   * @param associatedData the bytes given to {@link #wrap}
   * @return the data key; the caller wipes it after use
   * @throws fr.socle.storage.IntegrityViolationException if it cannot be authenticated
   */
  byte[] unwrap(String tenant, WrappedKey wrappedKey, byte[] associatedData);

  /**
   * Returns the identifier of the key-encryption key {@link #wrap} currently uses for a tenant.
   *
   * @param tenant the tenant
   * @return the identifier, as found in {@link WrappedKey#kekId()}
   */
  String currentKeyId(String tenant);

  /**
   * Destroys every key-encryption key of a tenant except {@code keep}. Called by {@code
   * DocumentSafe.retireOldKeys} only after it proved that every live data key of the tenant unwraps
   * with {@code keep}; calling it directly skips that proof and may lose documents.
   *
   * @param tenant the tenant
   * @param keep the identifier of the key to keep, which must be the current one
   * @return how many keys were destroyed
   * @throws fr.socle.core.SocleClientException if {@code keep} is no longer the current key (a
   *     rotation raced)
   * @throws UnsupportedOperationException if key versions are retired in the key holder itself
   *     (Vault {@code min_decryption_version}, KMS key version disabling)
   */
  default int retireKeysExcept(String tenant, String keep) {
    throw new UnsupportedOperationException(
        "retire old key versions in the key holder itself, after DocumentSafe.retireOldKeys");
  }
}
