package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.storage.FileSystemObjectStore;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.testkit.TestClock;
import fr.socle.testkit.contract.ObjectStoreContract;
import fr.socle.testkit.contract.PaymentLedgerContract;
import fr.socle.testkit.payfip.Misbehaviour;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/testkit.md, run. */
class TestkitExamplesTest {
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

  /** Stands for the reader's application: remembers where its PayFiP client was pointed. */
  static final class Application {
    final List<URI> payfipEndpoints = new ArrayList<>();

    void usePayfip(URI soapEndpoint) {
      payfipEndpoints.add(soapEndpoint);
    }
  }

  @Test
  void payfipSimulator_withoutJUnit_startsOnAFreePortAndStops() {
    TestClock clock = TestClock.at(Instant.parse("2026-11-29T09:00:00Z"));
    Application application = new Application();
    // snippet: testkit-payfip-without-junit
    try (PayfipSimulator sim =
        PayfipSimulator.builder()
            .port(0) // any free port (default)
            .numcli("006270") // a régie, repeatable; default 090909
            .clock(clock) // any java.time.Clock; default system UTC
            .nightlyPurgeAt(LocalTime.of(2, 0)) // Paris time; default 02:00
            .start()) {
      application.usePayfip(sim.soapEndpoint()); // the application under test, pointed at it
    }
    // end snippet
    assertThat(application.payfipEndpoints)
        .singleElement()
        .asString()
        .startsWith("http://127.0.0.1:");
  }

  @Test
  void payfipSimulator_misbehavesOnDemand() {
    try (PayfipSimulator sim = PayfipSimulator.builder().start()) {
      // snippet: testkit-payfip-misbehaviour
      sim.misbehave(Misbehaviour.dropNotification()); // until sim.behave()
      sim.misbehave(Misbehaviour.badGateway().times(1)); // the next SOAP call only
      sim.misbehave(Misbehaviour.notificationByGet(), Misbehaviour.notificationParameter("IdOp"));
      // end snippet
      assertThat(sim.misbehaviours()).hasSize(4);
      // snippet: testkit-payfip-behave
      sim.behave(); // back to nominal
      // end snippet
      assertThat(sim.misbehaviours()).isEmpty();
    }
  }
}
