package fr.socle.testkit.franceconnect;

import java.time.Instant;
import java.util.List;

/**
 * A validated authorization request and, once the user has picked an identity, the resulting
 * authentication. Immutable.
 */
record Authentication(
    String redirectUri,
    List<String> scopes,
    String state,
    String nonce,
    String acr,
    boolean amrRequested,
    String codeChallenge,
    TestUser user,
    Instant authTime,
    String sid) {

  Authentication {
    scopes = List.copyOf(scopes);
  }

  Authentication withAcr(String level) {
    return new Authentication(
        redirectUri, scopes, state, nonce, level, amrRequested, codeChallenge, user, authTime, sid);
  }

  Authentication withScopes(List<String> granted) {
    return new Authentication(
        redirectUri, granted, state, nonce, acr, amrRequested, codeChallenge, user, authTime, sid);
  }

  Authentication authenticatedAs(TestUser who, Instant when, String sessionId) {
    return new Authentication(
        redirectUri, scopes, state, nonce, acr, amrRequested, codeChallenge, who, when, sessionId);
  }
}
