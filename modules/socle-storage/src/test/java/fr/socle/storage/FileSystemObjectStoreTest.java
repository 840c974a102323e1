package fr.socle.storage;

import static fr.socle.storage.SafeFixture.AGENT;
import static fr.socle.storage.SafeFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.storage.spi.ObjectExistsException;
import fr.socle.storage.spi.ObjectNotFoundException;
import fr.socle.storage.spi.ObjectWriter;
import fr.socle.storage.spi.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemObjectStoreTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../../../etc/passwd",
        "..",
        ".",
        "/etc/passwd",
        "a/../../b",
        "C:\\Windows\\system32",
        "..\\..\\x",
        "Ünïcødé/💥",
        "~2e2e",
        "CON",
        "a b"
      })
  void deposit_whenIdsAreHostile_staysInsideItsDirectoryAndRoundTrips(String hostile)
      throws Exception {
    Path root = dir.resolve("root");
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root.resolve("store"));
        DocumentSafe safe =
            DocumentSafe.builder()
                .objectStore(store)
                .keyEncryptionKeys(LocalKeyEncryptionKeys.open(dir.resolve("keys")))
                .build()) {
      DocumentRef ref = DocumentRef.of(hostile, hostile, hostile);
      safe.deposit(
          DepositRequest.builder(hostile, hostile).id(hostile).depositor(AGENT).build(),
          new ByteArrayInputStream("x".getBytes()));

      try (InputStream in = safe.read(ref, AGENT)) {
        assertThat(in.readAllBytes()).isEqualTo("x".getBytes());
      }
      assertThat(safe.list(hostile, hostile, AGENT))
          .extracting(m -> m.ref().id())
          .containsExactly(hostile);
      assertThat(safe.verifyJournal(hostile).intact()).isTrue();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile))
          .allMatch(p -> p.startsWith(root) || p.startsWith(dir.resolve("keys")));
    }
  }

  @Test
  void deposit_whenTwoIdsDifferOnlyByCase_keepsThemApart() {
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("Acte", "upper".getBytes());
      f.deposit("acte", "lower".getBytes());
      assertThat(f.read("Acte")).isEqualTo("upper".getBytes());
      assertThat(f.read("acte")).isEqualTo("lower".getBytes());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../b", "a//b", "/a", "a/", "A", "a/.hidden", "a\\b", ""})
  void keys_whenMalformed_areRejected(String key) {
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir)) {
      assertThatThrownBy(() -> store.put(key, new byte[1], WriteOptions.replace()))
          .isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.get(key)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> store.delete(key)).isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void put_whenWriteOnceAndExists_refusesAndKeepsOriginal() throws Exception {
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir)) {
      store.put("a/b", "one".getBytes(), WriteOptions.writeOnce());

      assertThatThrownBy(() -> store.put("a/b", "two".getBytes(), WriteOptions.writeOnce()))
          .isInstanceOf(ObjectExistsException.class);
      try (InputStream in = store.get("a/b")) {
        assertThat(in.readAllBytes()).isEqualTo("one".getBytes());
      }
      store.put("a/b", "three".getBytes(), WriteOptions.replace());
      try (InputStream in = store.get("a/b")) {
        assertThat(in.readAllBytes()).isEqualTo("three".getBytes());
      }
    }
  }

  @Test
  void writer_whenClosedWithoutCommit_leavesNothing() throws Exception {
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir)) {
      try (ObjectWriter w = store.openWriter("a/b", WriteOptions.writeOnce())) {
        w.write(new byte[100_000]);
      }
      assertThatThrownBy(() -> store.get("a/b")).isInstanceOf(ObjectNotFoundException.class);
      assertThat(store.list("")).isEmpty();
      try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
        assertThat(tmp).isEmpty();
      }
    }
  }

  @Test
  void list_returnsKeysUnderPrefixSorted() {
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir)) {
      for (String k : List.of("t/b/2", "t/a/1", "t/ab", "u/x")) {
        store.put(k, new byte[0], WriteOptions.replace());
      }
      assertThat(store.list("t/")).containsExactly("t/a/1", "t/ab", "t/b/2");
      assertThat(store.list("t/a")).containsExactly("t/a/1", "t/ab");
      assertThat(store.list("nothing/")).isEmpty();
    }
  }

  @Test
  void open_whenDirectoryAlreadyOpen_refuses() {
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir)) {
      assertThatThrownBy(() -> FileSystemObjectStore.open(dir))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("in use");
    }
    FileSystemObjectStore.open(dir).close();
  }

  @Test
  void close_whenCalledTwice_isIdempotent() {
    // The safe leaves the store to its owner, which may close it from more than one place
    // (a try block and a shutdown hook, a container and the application).
    FileSystemObjectStore store = FileSystemObjectStore.open(dir);
    store.close();
    store.close();
    FileSystemObjectStore.open(dir).close();
  }

  @Test
  void open_removesLeftoverTemporaryFilesOfACrash() throws Exception {
    FileSystemObjectStore.open(dir).close();
    Files.write(dir.resolve("tmp").resolve("crashed.part"), new byte[10]);

    FileSystemObjectStore.open(dir).close();

    try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  @Test
  void deposit_whenSourceFailsMidway_leavesNothingVisibleAndJournalIntact() {
    try (SafeFixture f = new SafeFixture(dir)) {
      f.deposit("before", "ok".getBytes());
      InputStream failing =
          new InputStream() {
            long served;

            @Override
            public int read() throws java.io.IOException {
              if (served++ > 3_000_000) {
                throw new java.io.IOException("network reset");
              }
              return 'x';
            }
          };
      DepositRequest request =
          DepositRequest.builder(TENANT, SafeFixture.CONTAINER)
              .id("broken")
              .depositor(AGENT)
              .build();

      assertThatThrownBy(() -> f.safe.deposit(request, failing))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("could not be read");

      assertThat(f.safe.count(TENANT, SafeFixture.CONTAINER, AGENT)).isEqualTo(1);
      assertThatThrownBy(() -> f.read("broken")).isInstanceOf(DocumentNotFoundException.class);
      assertThat(f.safe.verifyJournal(TENANT).intact()).isTrue();
      assertThat(f.safe.journal(TENANT, 1, 100))
          .extracting(JournalEntry::documentId)
          .doesNotContain("broken");
      f.deposit("broken", "retry".getBytes());
      assertThat(f.read("broken")).isEqualTo("retry".getBytes());
    }
  }

  @Test
  void commit_ofALargeDurableObject_flushesBehindAndPublishesItWhole() throws Exception {
    byte[] data = new byte[5 * 1024 * 1024 + 3];
    new java.util.SplittableRandom(8).nextBytes(data);
    java.util.concurrent.atomic.AtomicInteger flushes =
        new java.util.concurrent.atomic.AtomicInteger();
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir.resolve("store"))) {
      store.writeBehind = 1 << 20;
      store.intermediateFlush =
          channel -> {
            flushes.incrementAndGet();
            channel.force(false);
          };
      try (ObjectWriter w = store.openWriter("a/big", WriteOptions.writeOnce())) {
        for (int off = 0; off < data.length; off += 100_000) {
          w.write(data, off, Math.min(100_000, data.length - off));
        }
        w.commit();
      }

      assertThat(flushes.get()).isPositive();
      try (InputStream in = store.get("a/big")) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
    assertThat(Files.list(dir.resolve("store").resolve("tmp")).count()).isZero();
  }

  @Test
  void commit_whenAFlushBehindFailed_failsAndPublishesNothing() throws Exception {
    // A write-back error is reported once per open file: if the helper thread swallowed it, the
    // final fsync could succeed and a damaged object be published as durable.
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir.resolve("store"))) {
      store.writeBehind = 1 << 20;
      store.intermediateFlush =
          channel -> {
            throw new java.io.IOException("Input/output error");
          };
      try (ObjectWriter w = store.openWriter("a/big", WriteOptions.writeOnce())) {
        byte[] chunk = new byte[256 * 1024];
        for (int i = 0; i < 6; i++) {
          w.write(chunk); // one flush behind, at 1 MiB
        }
        assertThatThrownBy(w::commit)
            .isInstanceOf(java.io.IOException.class)
            .hasMessage("Input/output error");
      }

      assertThat(store.list("a/")).isEmpty();
      assertThatThrownBy(() -> store.get("a/big")).isInstanceOf(ObjectNotFoundException.class);
    }
    assertThat(Files.list(dir.resolve("store").resolve("tmp")).count()).isZero();
  }

  @Test
  void close_withoutCommitAfterFlushesBehind_leavesNothing() throws Exception {
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir.resolve("store"))) {
      store.writeBehind = 1 << 20;
      try (ObjectWriter w = store.openWriter("a/big", WriteOptions.writeOnce())) {
        w.write(new byte[3 * 1024 * 1024]);
      }

      assertThat(store.list("a/")).isEmpty();
    }
    assertThat(Files.list(dir.resolve("store").resolve("tmp")).count()).isZero();
  }
}
