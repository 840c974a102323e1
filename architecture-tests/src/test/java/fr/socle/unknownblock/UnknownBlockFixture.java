package fr.socle.unknownblock;

/** A class of a block Modules does not list. For SocleRulesSelfTest only. */
public final class UnknownBlockFixture {
  private UnknownBlockFixture() {}
}
