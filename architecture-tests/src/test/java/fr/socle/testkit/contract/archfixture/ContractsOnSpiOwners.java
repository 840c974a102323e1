package fr.socle.testkit.contract.archfixture;

import fr.socle.onceonly.spi.RateLimitStore;
import fr.socle.payment.spi.PaymentLedger;
import fr.socle.storage.spi.ObjectStore;
import java.util.List;

/** Allowed: the contract suites use the SPIs they pin. For SocleRulesSelfTest only. */
public final class ContractsOnSpiOwners {
  private ContractsOnSpiOwners() {}

  static List<Class<?>> spis() {
    return List.of(PaymentLedger.class, ObjectStore.class, RateLimitStore.class);
  }
}
