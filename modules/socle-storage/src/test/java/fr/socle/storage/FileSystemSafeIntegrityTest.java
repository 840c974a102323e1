package fr.socle.storage;

import fr.socle.storage.spi.ObjectStore;

/** The integrity contract on the filesystem backend. */
class FileSystemSafeIntegrityTest extends SafeIntegrityContract {
  @Override
  protected ObjectStore openStore() {
    return FileSystemObjectStore.open(dir.resolve("store"));
  }
}
