package fr.socle.testkit.contract;

import fr.socle.storage.InMemoryObjectStore;
import fr.socle.storage.spi.ObjectStore;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The in-memory store, with object lock (the lock tests run) and without. */
class InMemoryObjectStoreContractTest {

  @Nested
  class WithObjectLock extends ObjectStoreContract {
    @Override
    protected ObjectStore createStore() {
      return InMemoryObjectStore.withObjectLock(Clock.systemUTC());
    }
  }

  @Nested
  class WithoutObjectLock extends ObjectStoreContract {
    @Override
    protected ObjectStore createStore() {
      return InMemoryObjectStore.withoutObjectLock();
    }
  }
}
