package fr.socle.storage.internal;

import fr.socle.core.json.Json;
import fr.socle.storage.JournalOperation;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery after crashes, run once per tenant and safe, before the safe's first operation on the
 * tenant. A version is visible only once its deposit is journaled, so a crash between the envelope
 * write and the journal entry, or during the upload, leaves a version folder the journal does not
 * know. Folders older than the grace period are rolled back: the envelope goes first (the version
 * stops existing), then the ciphertexts and the reservation, and the roll-back is journaled ({@link
 * JournalOperation#DEPOSIT_ROLLED_BACK}). Younger folders may belong to a deposit still running in
 * another process and are left for a later recovery.
 *
 * <p>Nothing is deleted while the tenant's journal does not authenticate: a forged or damaged
 * journal must not be able to make the recovery delete documents.
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  private static final String ACTOR = "socle:recovery";

  private final ObjectStore store;
  private final Journal journal;
  private final Clock clock;
  private final Json json;
  private final Duration grace;
  private final Map<String, AtomicBoolean> done = new ConcurrentHashMap<>();

  /**
   * What a reservation marker records.
   *
   * @param attempt the deposit attempt that reserved the version
   * @param at when
   */
  public record Reservation(String attempt, Instant at) {}

  /**
   * Creates the recovery.
   *
   * @param store the store
   * @param journal the journal
   * @param clock the clock
   * @param json the JSON facade
   * @param grace the minimum age of a folder before it is rolled back
   */
  public Recovery(ObjectStore store, Journal journal, Clock clock, Json json, Duration grace) {
    this.store = store;
    this.journal = journal;
    this.clock = clock;
    this.json = json;
    this.grace = grace;
  }

  /**
   * The bytes of a reservation marker.
   *
   * @param attempt the attempt id
   * @param at the instant
   * @return the bytes
   */
  public static byte[] reservation(String attempt, Instant at) {
    return (attempt + " " + at).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads a reservation marker.
   *
   * @param key its key
   * @return the reservation, empty if absent or unreadable
   */
  public Optional<Reservation> reservation(String key) {
    try (InputStream in = store.get(key)) {
      String[] parts = new String(in.readNBytes(200), StandardCharsets.US_ASCII).split(" ");
      return parts.length == 2
          ? Optional.of(new Reservation(parts[0], Instant.parse(parts[1])))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Recovers a tenant unless already done by this safe. Blocks concurrent callers until done.
   *
   * @param tenant the tenant
   */
  public void recover(String tenant) {
    AtomicBoolean recovered = done.computeIfAbsent(tenant, t -> new AtomicBoolean());
    if (recovered.get()) {
      return;
    }
    synchronized (recovered) {
      if (!recovered.get()) {
        run(tenant);
        recovered.set(true);
      }
    }
  }

  private void run(String tenant) {
    if (!journal.replayedIntact(tenant)) {
      LOG.warn(
          "the journal of tenant {} does not authenticate: interrupted deposits are not rolled "
              + "back until it is repaired",
          tenant);
      return;
    }
    String prefix = Layout.tenantPrefix(tenant) + "c/";
    TreeMap<String, List<String>> folders = new TreeMap<>();
    for (String key : store.list(prefix)) {
      int slash = key.lastIndexOf('/');
      folders.computeIfAbsent(key.substring(0, slash + 1), f -> new ArrayList<>()).add(key);
    }
    Instant now = clock.instant();
    for (Map.Entry<String, List<String>> folder : folders.entrySet()) {
      recoverFolder(tenant, folder.getKey(), folder.getValue(), now);
    }
  }

  /** A folder is {@code t/T/c/C/d/ID/vNNNNNNNNNN/}. */
  private void recoverFolder(String tenant, String folder, List<String> keys, Instant now) {
    String[] s = folder.split("/");
    if (s.length != 7 || !s[2].equals("c") || !s[4].equals("d") || !s[6].startsWith("v")) {
      return;
    }
    Optional<String> container = Names.decodeSegment(s[3]);
    Optional<String> id = Names.decodeSegment(s[5]);
    long version;
    try {
      version = Long.parseLong(s[6].substring(1));
    } catch (NumberFormatException e) {
      return;
    }
    if (container.isEmpty() || id.isEmpty()) {
      return;
    }
    boolean live =
        journal
            .document(tenant, container.get(), id.get())
            .map(d -> d.live().containsKey(version))
            .orElse(false);
    if (live) {
      return;
    }
    String envelopeKey = folder + "key";
    Optional<StoredEnvelope> envelope = envelope(envelopeKey, keys);
    Optional<Instant> since =
        envelope.isPresent()
            ? Optional.of(parseInstant(envelope.get().depositedAt()))
            : reservation(folder + "reserved").map(Reservation::at);
    // A folder with neither a readable envelope nor a reservation has no age: only leftovers of
    // an interrupted clean-up look like that, never a deposit in progress.
    if (since.isPresent() && Duration.between(since.get(), now).compareTo(grace) < 0) {
      return;
    }
    if (keys.contains(envelopeKey)) {
      store.delete(envelopeKey);
    }
    for (String key : keys) {
      if (!key.equals(envelopeKey)) {
        store.delete(key);
      }
    }
    String digest =
        envelope
            .filter(e -> e.digestAlgorithm() != null && e.digest() != null)
            .map(e -> e.digestAlgorithm() + ":" + e.digest())
            .orElse("");
    journal.append(
        tenant,
        ACTOR,
        JournalOperation.DEPOSIT_ROLLED_BACK,
        container.get(),
        id.get(),
        version,
        digest);
    LOG.warn(
        "rolled back version {} of a document of tenant {}: its deposit was interrupted",
        version,
        tenant);
  }

  private Optional<StoredEnvelope> envelope(String key, List<String> keys) {
    if (!keys.contains(key)) {
      return Optional.empty();
    }
    try (InputStream in = store.get(key)) {
      return Optional.ofNullable(json.read(in.readNBytes(64 * 1024), StoredEnvelope.class));
    } catch (ObjectNotFoundException | IOException e) {
      return Optional.empty();
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  private static Instant parseInstant(String s) {
    try {
      return Instant.parse(s);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
