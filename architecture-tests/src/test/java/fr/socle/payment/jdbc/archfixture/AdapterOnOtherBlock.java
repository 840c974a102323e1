package fr.socle.payment.jdbc.archfixture;

import fr.socle.refdata.Millesime;

/** Deliberate violation: an adapter of payment using refdata. For SocleRulesSelfTest only. */
public final class AdapterOnOtherBlock {
  private AdapterOnOtherBlock() {}

  static Class<?> other() {
    return Millesime.class;
  }
}
