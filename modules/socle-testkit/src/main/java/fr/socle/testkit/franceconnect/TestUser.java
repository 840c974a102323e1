package fr.socle.testkit.franceconnect;

/**
 * A person the tester can log in as on the simulator's identity page: a citizen ({@link
 * TestIdentity}, FranceConnect and FranceConnect+) or a public agent ({@link TestAgent},
 * ProConnect).
 */
public sealed interface TestUser permits TestIdentity, TestAgent {
  /**
   * Returns the login typed at the mock identity provider, which is also the value posted by the
   * identity page's form ({@code login=<value>}).
   *
   * @return the login
   */
  String login();

  /**
   * Returns a short French description shown on the identity page.
   *
   * @return the label
   */
  String label();
}
