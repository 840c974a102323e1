package fr.socle.storage;

import fr.socle.storage.spi.ContentScanner;
import fr.socle.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** A safe on a temporary directory with local keys and a settable clock. */
final class SafeFixture implements AutoCloseable {
  static final String TENANT = "21750001600019";
  static final String CONTAINER = "etat-civil";
  static final String AGENT = "agent:jdupont";

  final Path dir;
  final Path storeDir;
  final TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
  final LocalKeyEncryptionKeys keys;
  FileSystemObjectStore store;
  DocumentSafe safe;

  private final ContentScanner scanner;
  private final SafeListener listener;

  SafeFixture(Path dir) {
    this(dir, null);
  }

  SafeFixture(Path dir, ContentScanner scanner) {
    this(dir, scanner, null);
  }

  SafeFixture(Path dir, ContentScanner scanner, SafeListener listener) {
    this.dir = dir;
    this.storeDir = dir.resolve("store");
    this.scanner = scanner;
    this.listener = listener;
    this.keys = LocalKeyEncryptionKeys.open(dir.resolve("keys"));
    this.safe = open(keys);
  }

  /**
   * Opens a new store on {@link #storeDir} and a safe on it, as a new process would; the previous
   * ones must have been closed with {@link #closeSafe()}.
   */
  DocumentSafe open(LocalKeyEncryptionKeys k) {
    DocumentSafeBuilder b =
        DocumentSafe.builder()
            .objectStore(openStore())
            .keyEncryptionKeys(k)
            .clock(clock)
            .contentScanner(scanner);
    if (listener != null) {
      b.listener(listener);
    }
    return b.build();
  }

  /** Opens a new store on {@link #storeDir}, which the fixture closes. */
  FileSystemObjectStore openStore() {
    store = FileSystemObjectStore.open(storeDir);
    return store;
  }

  /** Closes the safe, then its store (the safe leaves it open), as a process exit would. */
  void closeSafe() {
    safe.close();
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** Every regular file under the store, as paths with forward slashes. */
  List<String> storedFiles() {
    try (Stream<Path> walk = Files.walk(storeDir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> storeDir.relativize(p).toString().replace('\\', '/'))
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  DocumentMetadata deposit(String id, byte[] content) {
    return safe.deposit(
        DepositRequest.builder(TENANT, CONTAINER)
            .id(id)
            .depositor(AGENT)
            .contentType("application/pdf")
            .originalFilename(id + ".pdf")
            .build(),
        new ByteArrayInputStream(content));
  }

  byte[] read(String id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    safe.readTo(DocumentRef.of(TENANT, CONTAINER, id), AGENT, out);
    return out.toByteArray();
  }

  /** The file holding an object of the given version of a document, found by walking the store. */
  Path file(String id, long version, String object) throws Exception {
    String suffix =
        "/t/"
            + TENANT
            + "/c/"
            + CONTAINER
            + "/d/"
            + id
            + "/"
            + String.format("v%010d", version)
            + "/";
    // Ciphertexts are named content-{attempt}.
    String name = object.equals("content") ? "content-" : object;
    try (Stream<Path> walk = Files.walk(storeDir.resolve("objects"))) {
      List<Path> found =
          walk.filter(
                  p -> {
                    String s = p.toString().replace('\\', '/');
                    int slash = s.lastIndexOf('/');
                    String file = s.substring(slash + 1);
                    return s.substring(0, slash + 1).endsWith(suffix)
                        && (name.endsWith("-") ? file.startsWith(name) : file.equals(name));
                  })
              .toList();
      if (found.size() != 1) {
        throw new IllegalStateException("expected one " + suffix + " but found " + found);
      }
      return found.get(0);
    }
  }

  @Override
  public void close() {
    closeSafe();
  }
}
