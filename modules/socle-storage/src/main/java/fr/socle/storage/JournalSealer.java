package fr.socle.storage;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;
import fr.socle.core.SocleClientException;
import fr.socle.storage.internal.Hashing;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Seals tenants' journals with a signature, so that rolling a whole tenant back (restoring the
 * store from an older backup, which keeps the hash chain intact) is detectable by anyone holding
 * the last exported seal and the public key.
 *
 * <p>The hash chain alone proves the journal was not edited, removed from or reordered; it cannot
 * prove nothing was cut off its end. A seal signs the head (sequence and hash of the last entry):
 * {@link #verify} checks that the journal still reaches that entry with that hash and that the
 * chain is intact. Call {@link #seal} periodically (for example daily, from the application's
 * scheduler) and export each seal ({@link JournalSeal#encoded()}) out of the safe's reach. Each
 * seal is also journaled ({@link JournalOperation#JOURNAL_SEALED}, with the signature).
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * JournalSealer sealer = JournalSealer.create(safe, sealingKey);
 * JournalSeal seal = sealer.seal("21750001600019", "scheduler");
 * auditor.send(seal.encoded());
 * // later, anyone with the seal and sealingKey.publicKey():
 * JournalSealer.verify(safe, JournalSeal.parse(text), publicKey);
 * }</pre>
 */
public final class JournalSealer {
  static {
    try {
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DocumentSafe safe;
  private final JournalSealingKey key;
  private final Clock clock;

  private JournalSealer(DocumentSafe safe, JournalSealingKey key, Clock clock) {
    this.safe = Objects.requireNonNull(safe, "safe");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a sealer dating seals with the system clock.
   *
   * @param safe the safe, not closed by the sealer
   * @param key the sealing key
   * @return the sealer
   */
  public static JournalSealer create(DocumentSafe safe, JournalSealingKey key) {
    return new JournalSealer(safe, key, Clock.systemUTC());
  }

  /**
   * Creates a sealer with a given clock.
   *
   * @param safe the safe, not closed by the sealer
   * @param key the sealing key
   * @param clock dates the seals
   * @return the sealer
   */
  public static JournalSealer create(DocumentSafe safe, JournalSealingKey key, Clock clock) {
    return new JournalSealer(safe, key, clock);
  }

  /**
   * Checks a tenant's whole journal and signs its head. A broken chain is never sealed.
   *
   * @param tenant the tenant
   * @param actor who seals (journaled)
   * @return the seal; export it
   * @throws IntegrityViolationException if the journal's chain is broken
   */
  public JournalSeal seal(String tenant, String actor) {
    JournalVerification v = safe.verifyJournal(tenant);
    if (!v.intact()) {
      throw new IntegrityViolationException(
          "the journal is broken at entry "
              + v.firstBrokenSequence().getAsLong()
              + "; it is not sealed");
    }
    JournalSeal unsigned =
        new JournalSeal(tenant, v.entriesChecked(), v.headHash(), clock.instant(), "");
    byte[] signature = key.sign(unsigned.signedBytes());
    JournalSeal seal =
        new JournalSeal(
            tenant,
            unsigned.sequence(),
            unsigned.headHash(),
            unsigned.sealedAt(),
            Base64.getEncoder().encodeToString(signature));
    safe.journalArchiving(
        tenant,
        actor,
        JournalOperation.JOURNAL_SEALED,
        "",
        "",
        seal.sequence(),
        "Ed25519:" + Hashing.hex(signature));
    return seal;
  }

  /**
   * Checks a seal's signature only, without access to the safe.
   *
   * @param seal the seal
   * @param publicKey the public key ({@link JournalSealingKey#publicKey()})
   * @throws IntegrityViolationException if the signature does not verify
   */
  public static void verifySignature(JournalSeal seal, byte[] publicKey) {
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(publicKey, "publicKey");
    PublicKeyVerify verifier;
    try {
      KeysetHandle handle =
          TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKey, RegistryConfiguration.get());
      verifier = handle.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SocleClientException("not a journal sealing public key");
    }
    try {
      verifier.verify(Base64.getDecoder().decode(seal.signature()), seal.signedBytes());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IntegrityViolationException("the journal seal's signature does not verify");
    }
  }

  /**
   * Checks that a tenant's journal still holds what a seal signed: the signature verifies, the
   * entry at the seal's sequence exists with the sealed hash, and the chain is intact from the
   * first entry to the last. A store rolled back to before the seal fails.
   *
   * @param safe the safe
   * @param seal the last seal exported
   * @param publicKey the public key
   * @return the journal's verification (intact), for its current head
   * @throws IntegrityViolationException if the seal does not verify, the journal was rolled back or
   *     cut below the sealed head, or the chain is broken
   */
  public static JournalVerification verify(DocumentSafe safe, JournalSeal seal, byte[] publicKey) {
    Objects.requireNonNull(safe, "safe");
    try {
      verifySignature(seal, publicKey);
    } catch (IntegrityViolationException forged) {
      safe.integrityFailure("verifyJournal");
      throw forged;
    }
    // A broken chain is reported to the listener by verifyJournal itself.
    JournalVerification v = safe.verifyJournal(seal.tenant());
    if (!v.intact()) {
      throw new IntegrityViolationException(
          "the journal is broken at entry " + v.firstBrokenSequence().getAsLong());
    }
    if (seal.sequence() == 0) {
      return v;
    }
    if (v.entriesChecked() < seal.sequence()) {
      safe.integrityFailure("verifyJournal");
      throw new IntegrityViolationException(
          "the journal ends before the sealed entry " + seal.sequence() + ": it was rolled back");
    }
    List<JournalEntry> sealed = safe.journal(seal.tenant(), seal.sequence(), 1);
    if (sealed.isEmpty()
        || sealed.get(0).sequence() != seal.sequence()
        || !sealed.get(0).hash().equals(seal.headHash())) {
      safe.integrityFailure("verifyJournal");
      throw new IntegrityViolationException(
          "the journal differs from the sealed head at entry " + seal.sequence());
    }
    return v;
  }
}
