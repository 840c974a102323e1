package fr.socle.testkit.franceconnect;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The redirects back to the relying party: a code, or an error, with {@code iss} (RFC 9207). */
final class Callbacks {
  private final String issuer;
  private final SimulatorState state;
  private final Clock clock;

  Callbacks(String issuer, SimulatorState state, Clock clock) {
    this.issuer = issuer;
    this.state = state;
    this.clock = clock;
  }

  /** Authenticates the request as the user and returns the callback URL with a fresh code. */
  String issueCode(Authentication request, TestUser user) {
    Instant now = clock.instant();
    Authentication auth = request.authenticatedAs(user, now, state.randomToken(16));
    String level = state.authenticationLevel.get();
    if (level != null) {
      // FranceConnect+ returns the identity provider's level unmodified: acr_values is a
      // preference, not a constraint.
      auth = auth.withAcr(level);
    }
    String code = state.randomToken(32);
    state.codes.put(code, new SimulatorState.Code(auth, now));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    params.put("state", auth.state());
    addIss(params);
    return Forms.appendQuery(auth.redirectUri(), params);
  }

  /** The callback URL of an error response. */
  String error(String redirectUri, String error, String description, String rpState) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("error_description", description);
    if (rpState != null) {
      params.put("state", rpState);
    }
    addIss(params);
    return Forms.appendQuery(redirectUri, params);
  }

  private void addIss(Map<String, String> params) {
    if (state.misbehaviours.contains(Misbehaviour.CALLBACK_WRONG_ISS)) {
      params.put("iss", TokenMinter.impostorIssuer(issuer));
    } else if (!state.misbehaviours.contains(Misbehaviour.CALLBACK_WITHOUT_ISS)) {
      params.put("iss", issuer);
    }
  }
}
