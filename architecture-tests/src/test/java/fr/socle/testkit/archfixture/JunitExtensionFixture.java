package fr.socle.testkit.archfixture;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Allowed: the test kit's extensions expose JUnit types. For SocleRulesSelfTest only. */
public final class JunitExtensionFixture implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {}
}
