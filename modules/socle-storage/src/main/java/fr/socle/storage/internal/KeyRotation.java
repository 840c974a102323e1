package fr.socle.storage.internal;

import fr.socle.core.SocleClientException;
import fr.socle.storage.DocumentNotFoundException;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.JournalOperation;
import fr.socle.storage.spi.KeyEncryptionKeys;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rotation of a tenant's key-encryption key, after {@link KeyEncryptionKeys} made a new one
 * current: re-wrap every live data key under it (only envelopes are rewritten, never documents),
 * then retire the old keys once every live envelope is proven to need only the current one.
 *
 * <p>Thread-safe.
 */
public final class KeyRotation {
  private final KeyEncryptionKeys keys;
  private final Journal journal;
  private final Versions versions;
  private final EnvelopeStore envelopes;
  private final DocumentLocks locks;

  /**
   * Creates the component.
   *
   * @param keys the key-encryption keys
   * @param journal the journal
   * @param versions the journal's view of the versions
   * @param envelopes the envelope store
   * @param locks the per-document locks
   */
  public KeyRotation(
      KeyEncryptionKeys keys,
      Journal journal,
      Versions versions,
      EnvelopeStore envelopes,
      DocumentLocks locks) {
    this.keys = keys;
    this.journal = journal;
    this.versions = versions;
    this.envelopes = envelopes;
    this.locks = locks;
  }

  /**
   * Re-wraps every live data key of a tenant that the current key-encryption key does not wrap.
   *
   * @param tenant the tenant
   * @param actor who rotates (one journal entry per version)
   * @return how many data keys were re-wrapped
   */
  public int rewrapKeys(String tenant, String actor) {
    versions.recover(tenant);
    String current = keys.currentKeyId(tenant);
    int count = 0;
    for (DocumentRef ref : journal.documents(tenant)) {
      ReentrantLock mutex = locks.mutex(ref);
      mutex.lock();
      try {
        for (Map.Entry<Long, Journal.VersionState> v : versions.live(ref).entrySet()) {
          LoadedVersion loaded = versions.load(ref, v.getKey(), v.getValue(), true);
          if (current.equals(loaded.kekId())) {
            loaded.close();
            continue;
          }
          envelopes.rewrite(loaded, loaded.metadata());
          versions.journalOn(ref, actor, JournalOperation.KEY_REWRAPPED, loaded.metadata());
          count++;
        }
      } catch (DocumentNotFoundException destroyedMeanwhile) {
        // Nothing to re-wrap.
      } finally {
        mutex.unlock();
      }
    }
    return count;
  }

  /**
   * Retires a tenant's old key-encryption keys after proving that the current one wraps every live
   * data key.
   *
   * @param tenant the tenant
   * @param actor who retires (journaled)
   * @return how many keys were retired
   */
  public int retireOldKeys(String tenant, String actor) {
    versions.recover(tenant);
    if (!journal.replayedIntact(tenant)) {
      throw new IntegrityViolationException(
          "the journal of tenant " + tenant + " does not authenticate; keys not retired");
    }
    String current = keys.currentKeyId(tenant);
    for (DocumentRef ref : journal.documents(tenant)) {
      for (Map.Entry<Long, Journal.VersionState> v : versions.live(ref).entrySet()) {
        LoadedVersion loaded = versions.load(ref, v.getKey(), v.getValue(), true);
        loaded.close();
        if (!current.equals(loaded.kekId())) {
          throw new SocleClientException(
              "document "
                  + Envelopes.describe(ref)
                  + " version "
                  + v.getKey()
                  + " still needs an old key-encryption key: run rewrapKeys first");
        }
      }
    }
    int retired = keys.retireKeysExcept(tenant, current);
    journal.append(tenant, actor, JournalOperation.KEYS_RETIRED, "", "", 0, "");
    return retired;
  }
}
