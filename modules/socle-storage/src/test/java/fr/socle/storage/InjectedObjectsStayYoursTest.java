package fr.socle.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socle never closes an object it was given: closing a safe leaves its store (and everything else
 * injected) open and usable; the application closes what it opened.
 */
class InjectedObjectsStayYoursTest {
  private static final String TENANT = "21750001600019";
  private static final String CONTAINER = "etat-civil";
  private static final String AGENT = "agent:jdupont";

  @TempDir Path dir;

  @Test
  void close_whenStoreWasInjected_neverClosesIt() {
    HostileStore store = new HostileStore(InMemoryObjectStore.withoutObjectLock());
    LocalKeyEncryptionKeys keys = LocalKeyEncryptionKeys.open(dir.resolve("keys"));

    DocumentSafe safe = DocumentSafe.builder().objectStore(store).keyEncryptionKeys(keys).build();
    safe.deposit(request("acte"), new ByteArrayInputStream(bytes("naissance")));
    safe.close();
    safe.close();

    assertThat(store.closeCount()).isZero();
  }

  @Test
  void close_whenFileSystemStoreWasInjected_leavesItUsableByTheApplication() {
    LocalKeyEncryptionKeys keys = LocalKeyEncryptionKeys.open(dir.resolve("keys"));
    Path storeDir = dir.resolve("store");
    try (FileSystemObjectStore store = FileSystemObjectStore.open(storeDir)) {
      DocumentSafe first =
          DocumentSafe.builder().objectStore(store).keyEncryptionKeys(keys).build();
      first.deposit(request("acte"), new ByteArrayInputStream(bytes("naissance")));
      first.close();

      // The store is still open: its directory lock is still held by the application...
      assertThatThrownBy(() -> FileSystemObjectStore.open(storeDir))
          .isInstanceOf(SocleClientException.class);
      // ...and a new safe on it reads what the first one deposited.
      try (DocumentSafe second =
          DocumentSafe.builder().objectStore(store).keyEncryptionKeys(keys).build()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        second.readTo(DocumentRef.of(TENANT, CONTAINER, "acte"), AGENT, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("naissance");
      }
    }
    // Closed by its owner, the directory can be opened again.
    FileSystemObjectStore.open(storeDir).close();
  }

  private static DepositRequest request(String id) {
    return DepositRequest.builder(TENANT, CONTAINER)
        .id(id)
        .depositor(AGENT)
        .contentType("text/plain")
        .build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
