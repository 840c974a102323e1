package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.testkit.TestClock;
import fr.socle.testkit.contract.ObjectStoreContract;
import fr.socle.testkit.contract.PaymentLedgerContract;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test clock and contract-suite examples of docs/testkit.md. The suites are compiled, not run
 * here: the same suites run on every shipped implementation in socle-testkit-contracts and the
 * adapters.
 */
class TestkitContractsGuideTest {
  @Test
  void testClock_movesOnlyWhenTold() {
    // snippet: testkit-test-clock
    TestClock clock = TestClock.at(Instant.parse("2026-11-29T09:00:00Z"));
    clock.advance(Duration.ofMinutes(16)); // a PayFiP page opened at 09:00 has expired
    clock.set(Instant.parse("2026-11-30T02:00:00Z"));
    // end snippet
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-30T02:00:00Z"));
  }

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
