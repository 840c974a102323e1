package fr.socle.testkit.contract;

import fr.socle.onceonly.spi.RateLimitStore;

class InMemoryRateLimitStoreContractTest extends RateLimitStoreContract {
  static final RateLimitStore STORE = RateLimitStore.inMemory();

  @Override
  protected RateLimitStore store() {
    return STORE;
  }
}
