package fr.socle.payment.jdbc.archfixture;

import fr.socle.core.SocleException;
import fr.socle.payment.spi.PaymentLedger;

/** Allowed: an adapter of payment using payment and core. For SocleRulesSelfTest only. */
public final class AdapterOnItsBlock {
  private AdapterOnItsBlock() {}

  static Class<?>[] allowed() {
    return new Class<?>[] {PaymentLedger.class, SocleException.class};
  }
}
