package fr.socle.core.archfixture;

import fr.socle.refdata.Millesime;

/** Deliberate violation: core using a block. For SocleRulesSelfTest only. */
public final class CoreOnBlock {
  private CoreOnBlock() {}

  static Class<?> block() {
    return Millesime.class;
  }
}
