package fr.socle.docs;

import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.testkit.contract.ObjectStoreContract;
import fr.socle.testkit.contract.PaymentLedgerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract-suite examples of docs/testkit.md, compiled. They are not run here: the same suites
 * run on every shipped implementation in socle-testkit-contracts and the adapters.
 */
class TestkitContractsGuideTest {
  // snippet: testkit-contracts-ledger
  class MyLedgerContractTest extends PaymentLedgerContract {
    @Override
    protected PaymentLedger createLedger() {
      return new InMemoryPaymentLedger(); // a new, empty instance of your ledger
    }
  }

  // end snippet

  // snippet: testkit-contracts-store
  class MyStoreContractTest extends ObjectStoreContract {
    @TempDir Path dir;

    @Override
    protected ObjectStore createStore() {
      return FileSystemObjectStore.open(dir); // a new, empty instance of your store
    }
  }

  // end snippet
}
