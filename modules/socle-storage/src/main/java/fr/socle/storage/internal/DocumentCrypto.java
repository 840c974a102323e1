package fr.socle.storage.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import fr.socle.storage.IntegrityViolationException;
import java.security.GeneralSecurityException;

/**
 * Per-document data keys: Tink streaming AEAD {@code AES256_GCM_HKDF_1MB} keysets, serialized so
 * they can be wrapped by a key-encryption key. The serialized form is secret: callers wipe it.
 */
public final class DocumentCrypto {
  static {
    try {
      StreamingAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private DocumentCrypto() {}

  /**
   * A fresh data key.
   *
   * @param aead the primitive
   * @param serialized the secret serialized keyset, to wrap then wipe
   */
  public record DataKey(StreamingAead aead, byte[] serialized) {}

  /**
   * Generates a fresh data key.
   *
   * @return the key
   */
  public static DataKey newDataKey() {
    try {
      KeysetHandle handle =
          KeysetHandle.generateNew(
              PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB, RegistryConfiguration.get());
      // Serializing a cleartext keyset needs InsecureSecretKeyAccess: the bytes only ever leave
      // this process wrapped by the tenant's key-encryption key.
      byte[] serialized =
          TinkProtoKeysetFormat.serializeKeyset(
              handle, InsecureSecretKeyAccess.get(), RegistryConfiguration.get());
      return new DataKey(primitive(handle), serialized);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a data key", e);
    }
  }

  /**
   * Rebuilds the primitive of an unwrapped data key.
   *
   * @param serialized the unwrapped keyset
   * @return the primitive
   * @throws IntegrityViolationException if the bytes are not a streaming AEAD keyset
   */
  public static StreamingAead open(byte[] serialized) {
    try {
      return primitive(
          TinkProtoKeysetFormat.parseKeyset(
              serialized, InsecureSecretKeyAccess.get(), RegistryConfiguration.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IntegrityViolationException("data key is not usable");
    }
  }

  private static StreamingAead primitive(KeysetHandle handle) throws GeneralSecurityException {
    return handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
  }
}
