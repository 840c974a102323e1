package fr.socle.storage;

import fr.socle.core.InvalidInputException;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectKeys;
import fr.socle.storage.spi.ObjectLockedException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.StoreCapabilities;
import fr.socle.storage.spi.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * An {@link ObjectStore} in memory, with the write-once and object-lock semantics of S3 Object
 * Lock, so that a {@link DocumentSafe}'s retention can be tested without an S3 server:
 *
 * <ul>
 *   <li>an object under retention (until its date, by the store's clock) or under legal hold cannot
 *       be deleted or replaced; a retention can be extended, never shortened, and a COMPLIANCE
 *       retention cannot be turned into GOVERNANCE;
 *   <li>{@link #deleteBypassingGovernance(String)} plays the privileged user holding {@code
 *       s3:BypassGovernanceRetention}: it can delete under GOVERNANCE, never under COMPLIANCE or
 *       legal hold;
 *   <li>write-once puts fail with {@link ObjectExistsException};
 *   <li>{@link #failWritesAfter(long)} makes uploads fail midway, like a dropped connection.
 * </ul>
 *
 * <p>Keys follow {@link ObjectKeys}, like every store's. Errors follow Socle's rule: a malformed
 * key or a negative size raises {@link InvalidInputException}, a null argument a {@link
 * NullPointerException} naming the parameter. It passes {@code ObjectStoreContract}
 * (socle-testkit-contracts), with and without object lock.
 *
 * <p>Thread-safe. Objects live as long as the instance; nothing survives the process.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
 * InMemoryObjectStore store = InMemoryObjectStore.withObjectLock(clock);
 * DocumentSafe safe = DocumentSafe.builder().objectStore(store).keyEncryptionKeys(keys)
 *     .clock(clock).requireObjectLock(true).build();
 * }</pre>
 */
public final class InMemoryObjectStore implements ObjectStore {
  private final boolean objectLock;
  private final Clock clock;
  private final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
  private final AtomicLong failAfter = new AtomicLong(-1);

  private record StoredObject(
      byte[] bytes, Optional<Instant> retainUntil, RetentionMode mode, boolean legalHold) {}

  private InMemoryObjectStore(boolean objectLock, Clock clock) {
    this.objectLock = objectLock;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A store that enforces object lock, judging retention dates by this clock.
   *
   * @param clock the store's clock (share the safe's clock to move time in tests)
   * @return the store
   * @throws NullPointerException if {@code clock} is null
   */
  public static InMemoryObjectStore withObjectLock(Clock clock) {
    return new InMemoryObjectStore(true, clock);
  }

  /**
   * A store without object lock (like a bucket created without it).
   *
   * @return the store
   */
  public static InMemoryObjectStore withoutObjectLock() {
    return new InMemoryObjectStore(false, Clock.systemUTC());
  }

  @Override
  public StoreCapabilities capabilities() {
    return new StoreCapabilities(objectLock, objectLock ? "in-memory (object lock)" : "in-memory");
  }

  @Override
  public ObjectWriter openWriter(String key, WriteOptions options) {
    ObjectKeys.requireValid(key);
    Objects.requireNonNull(options, "options");
    return new ObjectWriter() {
      private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      private boolean done;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (done) {
          throw new IOException("writer closed");
        }
        long limit = failAfter.get();
        if (limit >= 0 && buffer.size() + len > limit) {
          failAfter.set(-1);
          done = true;
          throw new IOException("simulated connection reset during upload");
        }
        buffer.write(b, off, len);
      }

      @Override
      public void commit() throws IOException {
        if (done) {
          throw new IOException("writer closed");
        }
        done = true;
        StoredObject created =
            new StoredObject(
                buffer.toByteArray(),
                objectLock ? options.retainUntil() : Optional.empty(),
                options.retentionMode(),
                objectLock && options.legalHold());
        objects.compute(
            key,
            (k, existing) -> {
              if (existing != null && options.createOnly()) {
                throw new ObjectExistsException("object already exists: " + key);
              }
              if (existing != null && locked(existing)) {
                throw new ObjectLockedException("object is locked: " + key);
              }
              return created;
            });
      }

      @Override
      public void close() {
        done = true;
      }
    };
  }

  @Override
  public InputStream get(String key) {
    ObjectKeys.requireValid(key);
    StoredObject o = objects.get(key);
    if (o == null) {
      throw new ObjectNotFoundException("no object " + key);
    }
    return new ByteArrayInputStream(o.bytes());
  }

  @Override
  public List<String> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    List<String> keys = new ArrayList<>();
    for (String k : objects.tailMap(prefix, true).keySet()) {
      if (!k.startsWith(prefix)) {
        break;
      }
      keys.add(k);
    }
    return keys;
  }

  @Override
  public void delete(String key) {
    ObjectKeys.requireValid(key);
    objects.computeIfPresent(
        key,
        (k, o) -> {
          if (locked(o)) {
            throw new ObjectLockedException("object is locked: " + key);
          }
          return null;
        });
  }

  /**
   * Deletes as a user allowed to bypass GOVERNANCE retention would. COMPLIANCE retention and legal
   * holds still refuse.
   *
   * @param key the key
   * @throws ObjectLockedException under COMPLIANCE retention or legal hold
   */
  public void deleteBypassingGovernance(String key) {
    ObjectKeys.requireValid(key);
    objects.computeIfPresent(
        key,
        (k, o) -> {
          if (o.legalHold() || (retained(o) && o.mode() == RetentionMode.COMPLIANCE)) {
            throw new ObjectLockedException("object is locked: " + key);
          }
          return null;
        });
  }

  @Override
  public void legalHold(String key, boolean on) {
    requireObjectLock();
    update(key, o -> new StoredObject(o.bytes(), o.retainUntil(), o.mode(), on));
  }

  @Override
  public void extendRetention(String key, Instant until, RetentionMode mode) {
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(mode, "mode");
    requireObjectLock();
    update(
        key,
        o -> {
          if (o.retainUntil().map(until::isBefore).orElse(false)
              || (retained(o)
                  && o.mode() == RetentionMode.COMPLIANCE
                  && mode == RetentionMode.GOVERNANCE)) {
            throw new ObjectLockedException("retention can only be extended: " + key);
          }
          return new StoredObject(o.bytes(), Optional.of(until), mode, o.legalHold());
        });
  }

  /**
   * Returns an object's retention date, as the store enforces it.
   *
   * @param key the key
   * @return the date, or empty if none
   */
  public Optional<Instant> retention(String key) {
    return require(key).retainUntil();
  }

  /**
   * Returns an object's retention mode.
   *
   * @param key the key
   * @return the mode
   */
  public RetentionMode retentionMode(String key) {
    return require(key).mode();
  }

  /**
   * Tells whether an object is under legal hold.
   *
   * @param key the key
   * @return true if held
   */
  public boolean legalHoldOf(String key) {
    return require(key).legalHold();
  }

  /**
   * Rewrites an object's bytes behind the safe's back, ignoring locks, as an attacker with access
   * to the storage medium would: for tamper-detection tests.
   *
   * @param key the key
   * @param change the transformation
   */
  public void tamper(String key, UnaryOperator<byte[]> change) {
    Objects.requireNonNull(change, "change");
    update(
        key,
        o ->
            new StoredObject(
                change.apply(o.bytes().clone()), o.retainUntil(), o.mode(), o.legalHold()));
  }

  /**
   * Makes the next upload that goes past this many bytes fail with an {@link IOException}.
   *
   * @param bytes the number of bytes accepted before the failure, zero or more
   * @throws InvalidInputException if {@code bytes} is negative
   */
  public void failWritesAfter(long bytes) {
    if (bytes < 0) {
      throw new InvalidInputException("bytes must be zero or more");
    }
    failAfter.set(bytes);
  }

  @Override
  public void close() {
    // Nothing to release: the objects live as long as the instance.
  }

  @Override
  public String toString() {
    return "InMemoryObjectStore[" + objects.size() + " objects]";
  }

  private boolean retained(StoredObject o) {
    return o.retainUntil().map(clock.instant()::isBefore).orElse(false);
  }

  private boolean locked(StoredObject o) {
    return o.legalHold() || retained(o);
  }

  private StoredObject require(String key) {
    ObjectKeys.requireValid(key);
    StoredObject o = objects.get(key);
    if (o == null) {
      throw new ObjectNotFoundException("no object " + key);
    }
    return o;
  }

  private void update(String key, UnaryOperator<StoredObject> change) {
    ObjectKeys.requireValid(key);
    if (objects.computeIfPresent(key, (k, o) -> change.apply(o)) == null) {
      throw new ObjectNotFoundException("no object " + key);
    }
  }

  private void requireObjectLock() {
    if (!objectLock) {
      throw new UnsupportedOperationException("object lock not enabled on this store");
    }
  }
}
