package fr.socle.testkit.contract;

import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.spi.ObjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreContractTest extends ObjectStoreContract {
  @TempDir Path dir;

  @Override
  protected ObjectStore createStore() {
    return FileSystemObjectStore.open(dir);
  }
}
