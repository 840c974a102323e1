package fr.socle.storage;

import static fr.socle.storage.SafeFixture.AGENT;
import static fr.socle.storage.SafeFixture.CONTAINER;
import static fr.socle.storage.SafeFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link SafeListener} hears each outcome once, and cannot change any outcome. */
class SafeListenerTest {
  private static final DocumentRef DOC = DocumentRef.of(TENANT, CONTAINER, "doc");

  @TempDir Path dir;
  SafeFixture f;
  final List<String> events = new CopyOnWriteArrayList<>();
  final byte[] content = TestData.bytes(3 * (1 << 20) + 17, 7);

  /** Records every event as text. */
  final class Recording implements SafeListener {
    @Override
    public void onDeposit(long bytes) {
      events.add("deposit " + bytes);
    }

    @Override
    public void onRead(long bytes) {
      events.add("read " + bytes);
    }

    @Override
    public void onDestroy() {
      events.add("destroy");
    }

    @Override
    public void onIntegrityFailure(String operation) {
      events.add("integrity " + operation);
    }
  }

  /** Records, then throws from every event. */
  final class Throwing implements SafeListener {
    private final Recording recording = new Recording();

    @Override
    public void onDeposit(long bytes) {
      recording.onDeposit(bytes);
      throw new IllegalStateException("listener failed for agent:jdupont");
    }

    @Override
    public void onRead(long bytes) {
      recording.onRead(bytes);
      throw new IllegalStateException("listener failed");
    }

    @Override
    public void onDestroy() {
      recording.onDestroy();
      throw new IllegalStateException("listener failed");
    }

    @Override
    public void onIntegrityFailure(String operation) {
      recording.onIntegrityFailure(operation);
      throw new IllegalStateException("listener failed");
    }
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  private void open(SafeListener listener) {
    f = new SafeFixture(dir, null, listener);
  }

  private Path envelope() throws Exception {
    return f.file("doc", 1, "key");
  }

  private void flipCiphertextByte() throws Exception {
    Path file = f.file("doc", 1, "content");
    byte[] c = Files.readAllBytes(file);
    c[c.length / 2] ^= 1;
    Files.write(file, c);
  }

  @Test
  @DisplayName("a deposit is reported once, with its plaintext size")
  void deposit_reportsSize() {
    open(new Recording());
    f.deposit("doc", content);
    assertThat(events).containsExactly("deposit " + content.length);
  }

  @Test
  @DisplayName("a read is reported when the stream reaches its verified end, not before")
  void read_reportsAtVerifiedEnd() throws Exception {
    open(new Recording());
    f.deposit("doc", content);
    events.clear();

    try (InputStream in = f.safe.read(DOC, AGENT)) {
      in.readNBytes(1000);
      assertThat(events).isEmpty();
      in.transferTo(new ByteArrayOutputStream());
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(events).containsExactly("read " + content.length);

    events.clear();
    try (InputStream in = f.safe.read(DOC, 1, AGENT)) {
      byte[] buf = new byte[8192];
      while (in.read(buf, 0, buf.length) != -1) {
        // drain
      }
    }
    assertThat(events).containsExactly("read " + content.length);

    events.clear();
    try (InputStream in = f.safe.read(DOC, AGENT)) {
      in.readNBytes(10);
    }
    assertThat(events).as("a read abandoned before its end").isEmpty();

    f.read("doc");
    assertThat(events).containsExactly("read " + content.length);
  }

  @Test
  @DisplayName("verify and metadata are not reads")
  void verifyAndMetadata_areNotReads() {
    open(new Recording());
    f.deposit("doc", content);
    events.clear();
    f.safe.verify(DOC, AGENT);
    f.safe.metadata(DOC, AGENT);
    assertThat(events).isEmpty();
  }

  @Test
  @DisplayName("a destruction is reported once journaled; a refused one is not")
  void destroy_reportedOnlyWhenDone() {
    open(new Recording());
    f.safe.deposit(
        DepositRequest.builder(TENANT, CONTAINER)
            .id("kept")
            .depositor(AGENT)
            .retainUntil(Instant.parse("2030-01-01T00:00:00Z"))
            .build(),
        new ByteArrayInputStream(content));
    f.deposit("doc", content);
    events.clear();

    assertThatThrownBy(() -> f.safe.destroy(DocumentRef.of(TENANT, CONTAINER, "kept"), AGENT))
        .isInstanceOf(RetentionLockedException.class);
    assertThat(events).isEmpty();

    f.safe.destroy(DOC, AGENT);
    assertThat(events).containsExactly("destroy");
    assertThat(f.safe.journal(TENANT, 1, 100))
        .extracting(JournalEntry::operation)
        .contains(JournalOperation.DESTROY);
  }

  @Test
  @DisplayName("tampered ciphertext: reported once by read, readTo and verify")
  void tamperedCiphertext_reportedByEachOperation() throws Exception {
    open(new Recording());
    f.deposit("doc", content);
    flipCiphertextByte();
    events.clear();

    assertThatThrownBy(
            () -> {
              try (InputStream in = f.safe.read(DOC, AGENT)) {
                in.transferTo(OutputStreamSink.INSTANCE);
              }
            })
        .isInstanceOf(IntegrityViolationException.class);
    assertThat(events).containsExactly("integrity read");

    events.clear();
    assertThatThrownBy(() -> f.read("doc")).isInstanceOf(IntegrityViolationException.class);
    assertThat(events).containsExactly("integrity read");

    events.clear();
    assertThatThrownBy(() -> f.safe.verify(DOC, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThat(events).containsExactly("integrity verify");
  }

  @Test
  @DisplayName("tampered envelope: reported as metadata, read, verify, destroy and rewrap")
  void tamperedEnvelope_namesTheOperation() throws Exception {
    open(new Recording());
    f.deposit("doc", content);
    Path key = envelope();
    Files.writeString(
        key, Files.readString(key).replace("\"depositor\":\"agent", "\"depositor\":\"Agent"));
    events.clear();

    assertThatThrownBy(() -> f.safe.metadata(DOC, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> f.safe.read(DOC, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> f.safe.verify(DOC, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> f.safe.destroy(DOC, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    f.keys.rotate(TENANT);
    assertThatThrownBy(() -> f.safe.rewrapKeys(TENANT, AGENT))
        .isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> f.safe.legalHold(DOC, true, AGENT))
        .isInstanceOf(IntegrityViolationException.class);

    assertThat(events)
        .containsExactly(
            "integrity metadata",
            "integrity read",
            "integrity verify",
            "integrity destroy",
            "integrity rewrap",
            "integrity other");
  }

  @Test
  @DisplayName("a broken journal chain is reported by verifyJournal, which returns its verdict")
  void brokenJournal_reportedByVerifyJournal() throws Exception {
    open(new Recording());
    f.deposit("doc", content);
    f.deposit("other", content);
    assertThat(f.safe.verifyJournal(TENANT).intact()).isTrue();
    Path first;
    try (Stream<Path> walk = Files.walk(f.storeDir.resolve("objects"))) {
      first = walk.filter(p -> p.getParent().endsWith("journal")).sorted().findFirst().get();
    }
    Files.writeString(first, Files.readString(first).replace("agent:jdupont", "agent:intrus"));
    events.clear();

    assertThat(f.safe.verifyJournal(TENANT).intact()).isFalse();
    assertThat(events).containsExactly("integrity verifyJournal");
  }

  @Test
  @DisplayName(
      "a forged seal and a journal rolled back below its seal are reported as verifyJournal")
  void sealChecks_reportedAsVerifyJournal() throws Exception {
    open(new Recording());
    JournalSealingKey key = JournalSealingKey.generate();
    f.deposit("doc", content);
    Path backup = dir.resolve("backup");
    copyTree(f.storeDir, backup);
    f.deposit("other", content);
    JournalSeal seal = JournalSealer.create(f.safe, key, f.clock).seal(TENANT, AGENT);
    JournalSeal forged =
        new JournalSeal(
            seal.tenant(),
            seal.sequence(),
            seal.headHash(),
            seal.sealedAt().plusSeconds(1),
            seal.signature());
    events.clear();

    assertThatThrownBy(() -> JournalSealer.verify(f.safe, forged, key.publicKey()))
        .isInstanceOf(IntegrityViolationException.class);
    assertThat(events).containsExactly("integrity verifyJournal");

    // The whole store put back as it was before the seal: an intact, shorter chain.
    f.closeSafe();
    try (Stream<Path> walk = Files.walk(f.storeDir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    copyTree(backup, f.storeDir);
    f.safe = f.open(f.keys);
    events.clear();

    assertThatThrownBy(() -> JournalSealer.verify(f.safe, seal, key.publicKey()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("rolled back");
    assertThat(events).containsExactly("integrity verifyJournal");
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals(".lock")) {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  @DisplayName("a listener that throws changes no outcome: results and exceptions are the safe's")
  void throwingListener_neverChangesTheOutcome() throws Exception {
    open(new Throwing());
    DocumentMetadata m = f.deposit("doc", content);
    assertThat(m.size()).isEqualTo(content.length);
    assertThat(f.read("doc")).isEqualTo(content);
    try (InputStream in = f.safe.read(DOC, AGENT)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }

    flipCiphertextByte();
    assertThatThrownBy(() -> f.read("doc")).isInstanceOf(IntegrityViolationException.class);
    assertThatThrownBy(() -> f.safe.verify(DOC, AGENT))
        .isInstanceOf(IntegrityViolationException.class);

    f.deposit("gone", content);
    f.safe.destroy(DocumentRef.of(TENANT, CONTAINER, "gone"), AGENT);
    assertThatThrownBy(() -> f.safe.metadata(DocumentRef.of(TENANT, CONTAINER, "gone"), AGENT))
        .isInstanceOf(DocumentNotFoundException.class);

    assertThat(events)
        .containsExactly(
            "deposit " + content.length,
            "read " + content.length,
            "read " + content.length,
            "integrity read",
            "integrity verify",
            "deposit " + content.length,
            "destroy");
  }

  @Test
  @DisplayName("the listener setting refuses null, naming the parameter")
  void listener_whenNull_throwsNpeNamingIt() {
    assertThatThrownBy(() -> DocumentSafe.builder().listener(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("listener");
  }

  /** Discards what it is given. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
