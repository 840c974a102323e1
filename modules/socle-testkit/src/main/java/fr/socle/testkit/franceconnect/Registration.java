package fr.socle.testkit.franceconnect;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The simulator's configuration: the platform and the one service provider registered on it. */
record Registration(
    Flavour flavour,
    String clientId,
    Secret clientSecret,
    List<String> redirectUris,
    List<String> postLogoutRedirectUris,
    Set<String> grantedScopes,
    int nonceMinLength,
    int nonceMaxLength,
    List<TestUser> users,
    boolean strictLogout) {

  Registration {
    redirectUris = List.copyOf(redirectUris);
    postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
    grantedScopes = Set.copyOf(grantedScopes);
    users = List.copyOf(users);
  }

  /** Error page code for a malformed /authorize request. */
  String formatErrorCode() {
    return flavour == Flavour.PROCONNECT ? "Y000400" : "Y030007";
  }

  /** Error page code for a redirect_uri that is not registered. */
  String redirectUriErrorCode() {
    return flavour == Flavour.PROCONNECT ? "Y030031" : "Y04C013C";
  }

  /** The user a login picks when the test names none. */
  TestUser defaultUser() {
    return flavour == Flavour.PROCONNECT ? TestAgent.DEMO_AGENT : TestIdentity.ANGELA_DUBOIS;
  }

  /** Refuses a user of the other family (an agent on FranceConnect) or one not registered. */
  void checkSuits(TestUser user) {
    Objects.requireNonNull(user, "user");
    boolean agent = user instanceof TestAgent;
    if (agent != (flavour == Flavour.PROCONNECT)) {
      throw new InvalidInputException("user " + user + " cannot log in on " + flavour.cliName());
    }
    if (user(user.login()) == null) {
      throw new InvalidInputException(
          "user " + user + " is not a user of this simulator: add it with user(...)");
    }
  }

  TestUser user(String login) {
    for (TestUser u : users) {
      if (u.login().equals(login)) {
        return u;
      }
    }
    return null;
  }
}
