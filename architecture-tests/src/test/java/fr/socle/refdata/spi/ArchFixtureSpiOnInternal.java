package fr.socle.refdata.spi;

import fr.socle.refdata.internal.ArchFixtureInternal;

/** Deliberate violation: an SPI type using an internal class. For SocleRulesSelfTest only. */
public final class ArchFixtureSpiOnInternal {
  private ArchFixtureSpiOnInternal() {}

  static Object internal() {
    return new ArchFixtureInternal();
  }
}
