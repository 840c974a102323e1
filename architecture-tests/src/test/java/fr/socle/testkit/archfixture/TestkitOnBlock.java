package fr.socle.testkit.archfixture;

import fr.socle.storage.spi.ObjectStore;

/** Deliberate violation: the test kit using a block. For SocleRulesSelfTest only. */
public final class TestkitOnBlock {
  private TestkitOnBlock() {}

  static Class<?> block() {
    return ObjectStore.class;
  }
}
