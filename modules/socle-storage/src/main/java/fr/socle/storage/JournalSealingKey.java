package fr.socle.storage;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import fr.socle.core.SocleClientException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The private key that signs journal seals ({@link JournalSealer}): a Tink Ed25519 signature
 * keyset. Its public half ({@link #publicKey()}) is what auditors need to check seals.
 *
 * <p>Keep the private keyset away from the safe's store and from whoever operates it: a seal is
 * only worth something if the party able to roll the store back cannot sign. Thread-safe.
 */
public final class JournalSealingKey {
  static {
    try {
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeysetHandle handle;
  private final PublicKeySign signer;

  private JournalSealingKey(KeysetHandle handle) throws GeneralSecurityException {
    this.handle = handle;
    this.signer = handle.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
  }

  /**
   * Generates a new Ed25519 sealing key.
   *
   * @return the key
   */
  public static JournalSealingKey generate() {
    try {
      return new JournalSealingKey(
          KeysetHandle.generateNew(
              PredefinedSignatureParameters.ED25519, RegistryConfiguration.get()));
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot generate a journal sealing key", e);
    }
  }

  /**
   * Loads a key from its cleartext Tink keyset (binary format), as {@link #exportCleartextKeyset()}
   * wrote it. The name says what it is: whoever reads those bytes can sign seals.
   *
   * @param keyset the keyset bytes
   * @return the key
   * @throws SocleClientException if the bytes are not a signature keyset
   */
  public static JournalSealingKey fromCleartextKeyset(byte[] keyset) {
    Objects.requireNonNull(keyset, "keyset");
    try {
      return new JournalSealingKey(
          TinkProtoKeysetFormat.parseKeyset(
              keyset, InsecureSecretKeyAccess.get(), RegistryConfiguration.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SocleClientException("not a journal sealing keyset");
    }
  }

  /**
   * Exports the private keyset in cleartext (Tink binary format), to store in a secrets manager.
   *
   * @return the keyset bytes; secret
   */
  public byte[] exportCleartextKeyset() {
    try {
      return TinkProtoKeysetFormat.serializeKeyset(
          handle, InsecureSecretKeyAccess.get(), RegistryConfiguration.get());
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot export the journal sealing key", e);
    }
  }

  /**
   * Exports the public key (Tink binary keyset without secret) that verifies seals.
   *
   * @return the public keyset bytes; not secret, publish it
   */
  public byte[] publicKey() {
    try {
      return TinkProtoKeysetFormat.serializeKeysetWithoutSecret(
          handle.getPublicKeysetHandle(), RegistryConfiguration.get());
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot export the public sealing key", e);
    }
  }

  byte[] sign(byte[] data) {
    try {
      return signer.sign(data);
    } catch (GeneralSecurityException e) {
      throw new SocleClientException("cannot sign a journal seal", e);
    }
  }

  @Override
  public String toString() {
    return "JournalSealingKey[Ed25519, private]";
  }
}
