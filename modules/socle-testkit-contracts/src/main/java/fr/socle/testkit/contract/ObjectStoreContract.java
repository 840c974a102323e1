package fr.socle.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleException;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectKeys;
import fr.socle.storage.spi.ObjectLockedException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.RetentionMode;
import fr.socle.storage.spi.StoreCapabilities;
import fr.socle.storage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} must do, as a JUnit 5 suite: extend it, return a new, empty store
 * from {@link #createStore()}, and the suite runs against it (and closes it after each test). Socle
 * runs it on the filesystem, S3 and in-memory stores; a store on another medium passes it before a
 * safe is built on it.
 *
 * <pre>{@code
 * class MyStoreContractTest extends ObjectStoreContract {
 *   protected ObjectStore createStore() {
 *     return MyStore.open(freshBucket());
 *   }
 * }
 * }</pre>
 *
 * <p>What it pins:
 *
 * <ul>
 *   <li>the key grammar of {@link ObjectKeys}: every key it accepts round-trips, every other key
 *       and listing prefix is refused with an {@link InvalidInputException} before anything is read
 *       or written, a null with a {@link NullPointerException} naming the parameter;
 *   <li>writes: nothing is visible before {@link ObjectWriter#commit()}, a writer closed without a
 *       commit leaves nothing, a committed writer cannot commit again; write-once (create if
 *       absent) refuses an existing key with {@link ObjectExistsException} and keeps the first
 *       object, and of several concurrent write-once writers exactly one wins; replace swaps the
 *       whole object;
 *   <li>sizes: empty, one byte, and an object larger than {@link #largeObjectSize()} written in
 *       uneven pieces, read back byte for byte;
 *   <li>reads of a missing key raise {@link ObjectNotFoundException}; deleting a missing key does
 *       nothing;
 *   <li>listing: ascending, by plain string prefix (not by directory), committed objects only;
 *   <li>object lock, when {@link StoreCapabilities#objectLock()} is true: a legal hold or a
 *       retention date in the future makes a delete fail with {@link ObjectLockedException}; a
 *       retention cannot be shortened.
 * </ul>
 */
public abstract class ObjectStoreContract {
  private static final WriteOptions ONCE = WriteOptions.writeOnce();
  private static final WriteOptions REPLACE = WriteOptions.replace();

  private ObjectStore store;

  /** For subclasses. */
  protected ObjectStoreContract() {}

  /**
   * Returns a new, empty store (for a shared medium: one below a fresh prefix). Called before each
   * test; the suite closes it after the test.
   *
   * @return the store under test
   */
  protected abstract ObjectStore createStore();

  /**
   * Returns the store of the current test, for tests a subclass adds.
   *
   * @return the store {@link #createStore()} returned for this test
   */
  protected final ObjectStore store() {
    return store;
  }

  /**
   * Returns the size of the large object of the suite: make it larger than what the store keeps in
   * one piece (a part of a multipart upload, a buffer) so that the suite crosses that boundary.
   *
   * @return bytes, 6 MiB + 1 by default (S3's smallest part is 5 MiB)
   */
  protected int largeObjectSize() {
    return 6 * 1024 * 1024 + 1;
  }

  /**
   * Returns how many threads race in the concurrency tests.
   *
   * @return 8 by default
   */
  protected int racers() {
    return 8;
  }

  /**
   * Tells whether the store's write-once create is atomic under concurrency, as AWS S3 ({@code
   * If-None-Match: *}), MinIO, recent Ceph RGW and the filesystem store ({@code link(2)}) are.
   * Return false for a store where two racing creators can both succeed (S3Proxy, some
   * S3-compatible stores): the race test is then skipped. The document safe still keeps such a
   * store consistent by reading back what it wrote (docs/storage.md, "Two processes depositing").
   *
   * @return true by default
   */
  protected boolean writeOnceIsAtomic() {
    return true;
  }

  @BeforeEach
  final void createTheStore() {
    store = createStore();
    assertThat(store).as("createStore()").isNotNull();
  }

  @AfterEach
  final void closeTheStore() {
    if (store != null) {
      store.close();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private byte[] read(String key) {
    try (InputStream in = store.get(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  /** A key of segments of 200 characters, exactly {@code length} long. */
  private static String keyOfLength(int length) {
    StringBuilder b = new StringBuilder(length);
    while (b.length() < length) {
      b.append(b.length() % 201 == 200 ? '/' : 'k');
    }
    if (b.charAt(length - 1) == '/') {
      b.setCharAt(length - 1, 'k');
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ the key grammar

  /** Keys every store accepts, among them the shapes the document safe writes. */
  static List<String> validKeys() {
    return List.of(
        "a",
        "0",
        "~",
        "t/acme/c/actes/d/deliberation-2026-001/v0000000001/key",
        "t/~c3a9636f6c65/journal/0000000000000000042",
        "t/acme/journal-head",
        "a_b/c.d/e~f-g/h.",
        "z/" + repeat('s', ObjectKeys.MAX_SEGMENT_LENGTH),
        keyOfLength(ObjectKeys.MAX_LENGTH));
  }

  /** Keys every store refuses. */
  static List<String> invalidKeys() {
    return List.of(
        "",
        "/a",
        "a/",
        "a//b",
        "A",
        "a/B",
        "../x",
        "a/../b",
        "..",
        ".",
        "a..b",
        ".a",
        "a/.hidden",
        "-a",
        "_a",
        "a\\b",
        "a b",
        "caf\u00e9",
        "a\u0000b",
        "a\nb",
        "a?b",
        "a%2fb",
        "a:b",
        repeat('s', ObjectKeys.MAX_SEGMENT_LENGTH + 1),
        keyOfLength(ObjectKeys.MAX_LENGTH + 1));
  }

  @Test
  @DisplayName("every key of the grammar round-trips, its longest form included")
  void keys_whenValid_roundTrip() {
    for (String key : validKeys()) {
      assertThat(ObjectKeys.isValid(key)).as("grammar accepts %s", key).isTrue();
      store.put(key, bytes(key), ONCE);

      assertThat(read(key)).as("read %s", key).isEqualTo(bytes(key));
    }
    assertThat(store.list("")).containsExactlyInAnyOrderElementsOf(validKeys());
  }

  @Test
  @DisplayName("every other key is invalid input on every operation, and nothing is written")
  void keys_whenMalformed_areInvalidInputEverywhere() {
    for (String key : invalidKeys()) {
      assertThat(ObjectKeys.isValid(key)).as("grammar refuses %s", key).isFalse();
      assertThatThrownBy(() -> store.put(key, new byte[1], REPLACE))
          .as("put %s", key)
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.openWriter(key, ONCE))
          .as("openWriter %s", key)
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.get(key))
          .as("get %s", key)
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.delete(key))
          .as("delete %s", key)
          .isInstanceOf(InvalidInputException.class);
    }
    assertThat(store.list("")).isEmpty();
  }

  @Test
  @DisplayName("a listing prefix is empty or the beginning of a valid key; others are invalid")
  void list_whenThePrefixCannotStartAKey_isInvalidInput() {
    for (String prefix : List.of("", "t/", "t/ac", "t/acme/c/", "t/~", "a.", "a_")) {
      assertThat(store.list(prefix)).as("list %s", prefix).isEmpty();
    }
    for (String prefix : List.of("/", "/t", "t//", "T/", "t/../", "..", ".", "-", "a\\")) {
      assertThatThrownBy(() -> store.list(prefix))
          .as("list %s", prefix)
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("a null key, prefix or options is a NullPointerException naming the parameter")
  void nulls_areRefusedNamingTheParameter() {
    assertThatThrownBy(() -> store.get(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    assertThatThrownBy(() -> store.delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    assertThatThrownBy(() -> store.openWriter(null, ONCE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
    assertThatThrownBy(() -> store.list(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("prefix");
    assertThatThrownBy(() -> store.openWriter("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("options");
    assertThatThrownBy(() -> store.put("a", null, ONCE)).isInstanceOf(NullPointerException.class);
    assertThat(store.list("")).isEmpty();
  }

  // ------------------------------------------------------------------ writes

  @Test
  @DisplayName("nothing is visible before commit; a writer closed without commit leaves nothing")
  void writer_isInvisibleUntilCommit_andCloseWithoutCommitLeavesNothing() throws Exception {
    try (ObjectWriter w = store.openWriter("a/b", ONCE)) {
      w.write(random(100_000, 1));
      assertThatThrownBy(() -> store.get("a/b")).isInstanceOf(ObjectNotFoundException.class);
      assertThat(store.list("")).isEmpty();
    }

    assertThatThrownBy(() -> store.get("a/b")).isInstanceOf(ObjectNotFoundException.class);
    assertThat(store.list("")).isEmpty();
    // the key is still free for a write-once object
    store.put("a/b", bytes("after"), ONCE);
    assertThat(read("a/b")).isEqualTo(bytes("after"));
  }

  @Test
  @DisplayName("a writer commits once; close after commit is harmless and idempotent")
  void writer_commitsOnce() throws Exception {
    ObjectWriter w = store.openWriter("a/b", ONCE);
    w.write(bytes("one"));
    w.commit();

    assertThatThrownBy(w::commit).isInstanceOf(IOException.class);
    assertThatCode(
            () -> {
              w.close();
              w.close();
            })
        .doesNotThrowAnyException();
    assertThat(read("a/b")).isEqualTo(bytes("one"));

    ObjectWriter aborted = store.openWriter("a/c", ONCE);
    aborted.close();
    assertThatThrownBy(aborted::commit).isInstanceOf(IOException.class);
    assertThat(store.list("a/")).containsExactly("a/b");
  }

  @Test
  @DisplayName("write-once refuses an existing key and keeps the first object; replace swaps it")
  void put_whenWriteOnceAndExists_refusesAndKeepsTheFirst() {
    store.put("a/b", bytes("one"), ONCE);

    assertThatThrownBy(() -> store.put("a/b", bytes("two"), ONCE))
        .isInstanceOf(ObjectExistsException.class);
    assertThat(read("a/b")).isEqualTo(bytes("one"));

    store.put("a/b", bytes("three, longer"), REPLACE);
    assertThat(read("a/b")).isEqualTo(bytes("three, longer"));
    store.put("a/b", bytes("4"), REPLACE);
    assertThat(read("a/b")).isEqualTo(bytes("4"));
    assertThat(store.list("a/")).containsExactly("a/b");
  }

  @Test
  @DisplayName("a write-once writer whose key appeared meanwhile fails at commit")
  void writer_whenTheKeyAppearsBeforeCommit_refusesAtCommit() throws Exception {
    try (ObjectWriter slow = store.openWriter("a/b", ONCE)) {
      slow.write(bytes("slow"));
      store.put("a/b", bytes("fast"), ONCE);

      assertThatThrownBy(slow::commit).isInstanceOf(ObjectExistsException.class);
    }
    assertThat(read("a/b")).isEqualTo(bytes("fast"));
  }

  @Test
  @DisplayName("of several concurrent write-once writers of one key, exactly one wins")
  void put_whenWriteOnceWritersRace_exactlyOneWins() throws Exception {
    assumeTrue(writeOnceIsAtomic(), "the store's write-once create is not atomic");
    for (int round = 0; round < 5; round++) {
      String key = "race/" + round;
      List<Callable<String>> writers = new ArrayList<>();
      for (int i = 0; i < racers(); i++) {
        String content = "writer " + i;
        writers.add(
            () -> {
              try {
                store.put(key, bytes(content), ONCE);
                return content;
              } catch (ObjectExistsException e) {
                return "refused";
              }
            });
      }

      List<String> results = race(writers);

      List<String> winners = new ArrayList<>(results);
      winners.removeIf("refused"::equals);
      assertThat(winners).as("round %s", round).hasSize(1);
      assertThat(read(key)).isEqualTo(bytes(winners.get(0)));
    }
  }

  @Test
  @DisplayName("concurrent writers of different keys all land")
  void put_whenWritersOfDifferentKeysRace_allLand() throws Exception {
    List<Callable<String>> writers = new ArrayList<>();
    for (int i = 0; i < 4 * racers(); i++) {
      String key = String.format("many/%03d", i);
      writers.add(
          () -> {
            store.put(key, bytes(key), ONCE);
            return key;
          });
    }

    List<String> keys = race(writers);

    assertThat(store.list("many/")).containsExactlyElementsOf(keys);
    for (String key : keys) {
      assertThat(read(key)).isEqualTo(bytes(key));
    }
  }

  // ------------------------------------------------------------------ sizes

  @Test
  @DisplayName("an empty object and a one-byte object round-trip")
  void smallObjects_roundTrip() {
    store.put("empty", new byte[0], ONCE);
    store.put("one", new byte[] {(byte) 0xff}, ONCE);

    assertThat(read("empty")).isEmpty();
    assertThat(read("one")).containsExactly((byte) 0xff);
    assertThat(store.list("")).containsExactly("empty", "one");
  }

  @Test
  @DisplayName("a large object written in uneven pieces reads back byte for byte")
  void largeObject_writtenInUnevenPieces_roundTrips() throws Exception {
    byte[] content = random(largeObjectSize(), 42);
    try (ObjectWriter w = store.openWriter("large/object", ONCE)) {
      int pos = 0;
      int piece = 1;
      while (pos < content.length) {
        if (piece % 7 == 0) {
          w.write(content[pos]);
          pos++;
        } else {
          int n = Math.min(piece * 65_537, content.length - pos);
          w.write(content, pos, n);
          pos += n;
        }
        piece++;
      }
      w.commit();
    }

    assertThat(read("large/object")).isEqualTo(content);
  }

  // ------------------------------------------------------------------ reads, deletes, listing

  @Test
  @DisplayName("reading a missing key is ObjectNotFoundException; deleting one does nothing")
  void missingKey_readFailsAndDeleteDoesNothing() {
    assertThatThrownBy(() -> store.get("missing/key")).isInstanceOf(ObjectNotFoundException.class);
    assertThatCode(() -> store.delete("missing/key")).doesNotThrowAnyException();
  }

  @Test
  @DisplayName("a deleted object is gone, from reads and listings, and its key is free again")
  void delete_removesTheObject() {
    store.put("t/a/1", bytes("one"), ONCE);
    store.put("t/a/2", bytes("two"), ONCE);

    store.delete("t/a/1");

    assertThatThrownBy(() -> store.get("t/a/1")).isInstanceOf(ObjectNotFoundException.class);
    assertThat(store.list("t/")).containsExactly("t/a/2");
    store.delete("t/a/2");
    assertThat(store.list("")).isEmpty();
    store.put("t/a/1", bytes("again"), ONCE);
    assertThat(read("t/a/1")).isEqualTo(bytes("again"));
  }

  @Test
  @DisplayName("list gives the keys starting with the prefix, as strings, in ascending order")
  void list_returnsKeysStartingWithThePrefixSorted() {
    for (String k : List.of("t/b/2", "t/a/1", "t/ab", "t/a/0/deep/er", "u/x", "t/a.z", "tt")) {
      store.put(k, new byte[0], REPLACE);
    }

    assertThat(store.list("t/"))
        .containsExactly("t/a.z", "t/a/0/deep/er", "t/a/1", "t/ab", "t/b/2");
    assertThat(store.list("t/a")).containsExactly("t/a.z", "t/a/0/deep/er", "t/a/1", "t/ab");
    assertThat(store.list("t/a/")).containsExactly("t/a/0/deep/er", "t/a/1");
    assertThat(store.list("t")).hasSize(6).contains("tt");
    assertThat(store.list("")).hasSize(7).isSorted();
    assertThat(store.list("nothing/")).isEmpty();
    assertThat(store.list("t/a/1")).containsExactly("t/a/1");
  }

  // ------------------------------------------------------------------ capabilities, object lock

  @Test
  @DisplayName("the capabilities have a description")
  void capabilities_describeTheStore() {
    StoreCapabilities capabilities = store.capabilities();

    assertThat(capabilities).isNotNull();
    assertThat(capabilities.description()).isNotBlank();
  }

  private void assumeObjectLock() {
    assumeTrue(store.capabilities().objectLock(), "the store does not enforce object lock");
  }

  @Test
  @DisplayName("object lock: a legal hold refuses deletion until it is released")
  void legalHold_refusesDeletionUntilReleased() {
    assumeObjectLock();
    store.put(
        "held",
        bytes("x"),
        new WriteOptions(true, Optional.empty(), RetentionMode.GOVERNANCE, true));
    store.put("held-later", bytes("y"), ONCE);
    store.legalHold("held-later", true);

    assertThatThrownBy(() -> store.delete("held")).isInstanceOf(ObjectLockedException.class);
    assertThatThrownBy(() -> store.delete("held-later")).isInstanceOf(ObjectLockedException.class);
    assertThat(read("held")).isEqualTo(bytes("x"));

    store.legalHold("held", false);
    store.legalHold("held-later", false);
    store.delete("held");
    store.delete("held-later");
    assertThat(store.list("")).isEmpty();
  }

  @Test
  @DisplayName("object lock: a retention date in the future refuses deletion, and only grows")
  void retention_refusesDeletionAndCannotBeShortened() {
    assumeObjectLock();
    Instant until = Instant.now().plus(Duration.ofDays(30));
    store.put(
        "kept",
        bytes("x"),
        new WriteOptions(true, Optional.of(until), RetentionMode.COMPLIANCE, false));

    assertThatThrownBy(() -> store.delete("kept")).isInstanceOf(ObjectLockedException.class);
    store.extendRetention("kept", until.plus(Duration.ofDays(1)), RetentionMode.COMPLIANCE);
    assertThatThrownBy(() -> store.extendRetention("kept", until, RetentionMode.COMPLIANCE))
        .isInstanceOf(SocleException.class);
    assertThatThrownBy(() -> store.delete("kept")).isInstanceOf(ObjectLockedException.class);
    assertThat(read("kept")).isEqualTo(bytes("x"));
  }

  @Test
  @DisplayName("object lock: the lock operations check the key grammar too")
  void objectLockOperations_checkTheKeyGrammar() {
    assumeObjectLock();
    Instant until = Instant.now().plus(Duration.ofDays(1));

    assertThatThrownBy(() -> store.legalHold("../x", true))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.extendRetention("A", until, RetentionMode.GOVERNANCE))
        .isInstanceOf(InvalidInputException.class);
  }
}
