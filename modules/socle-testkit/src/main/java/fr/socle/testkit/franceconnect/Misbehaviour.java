package fr.socle.testkit.franceconnect;

/**
 * A way the simulator can deviate from the protocol on demand, so that a relying party's rejection
 * paths can be tested. Activate with {@link FranceConnectSimulator#misbehave(Misbehaviour...)};
 * misbehaviours stay active until {@link FranceConnectSimulator#behave()} is called (the JUnit
 * extension calls it after each test).
 *
 * <p>Every misbehaviour corresponds to an attack or a failure a relying party must detect; none of
 * them is something the real service does on purpose, except {@link #LOGOUT_WITHOUT_STATE}
 * (FranceConnect did it in 2019).
 */
public enum Misbehaviour {
  /** ID token signed by a key that is not in the JWKS, with the published {@code kid}. */
  BAD_ID_TOKEN_SIGNATURE,
  /** Userinfo JWT signed by a key that is not in the JWKS, with the published {@code kid}. */
  BAD_USERINFO_SIGNATURE,
  /** ID token with {@code alg: none} (unsigned, and never encrypted). */
  ID_TOKEN_ALG_NONE,
  /** ID token signed with HS256 keyed by the client secret (FranceConnect v1 style). */
  ID_TOKEN_HS256,
  /** ID token whose {@code iss} is not the simulator's issuer. */
  WRONG_ISSUER,
  /** ID token whose {@code aud} is another client's id. */
  WRONG_AUDIENCE,
  /** ID token without {@code sub}. */
  MISSING_SUB,
  /** ID token without {@code iat}. */
  MISSING_IAT,
  /** ID token whose {@code nonce} is not the one sent to {@code /authorize}. */
  NONCE_MISMATCH,
  /** ID token whose {@code at_hash} does not match the access token. */
  WRONG_AT_HASH,
  /** ID token whose {@code acr} is one level below the level granted. */
  ACR_TOO_LOW,
  /** ID token issued two minutes ago, so expired one minute ago. */
  EXPIRED_ID_TOKEN,
  /** ID token and userinfo signed without {@code kid}, JWKS holding that single key. */
  KID_ABSENT_SINGLE_KEY,
  /** ID token and userinfo signed without {@code kid}, JWKS holding several keys of that type. */
  KID_ABSENT_MULTIPLE_KEYS,
  /** Userinfo whose {@code sub} differs from the ID token's. */
  USERINFO_SUB_MISMATCH,
  /** Userinfo as plain {@code application/json} instead of a JWT (FranceConnect v1 style). */
  USERINFO_PLAIN_JSON,
  /** FranceConnect+ only: ID token and userinfo signed but not encrypted. */
  NOT_ENCRYPTED,
  /** Token and userinfo endpoints answer a 500 HTML error page instead of JSON or a JWT. */
  HTML_ERROR_PAGE,
  /** The JWKS endpoint answers 503 (an HTML page). */
  JWKS_DOWN,
  /** The discovery document advertises another issuer than the one it is served under. */
  DISCOVERY_ISSUER_MISMATCH,
  /**
   * The authorization callback carries no RFC 9207 {@code iss} although discovery advertises it.
   */
  CALLBACK_WITHOUT_ISS,
  /** The authorization callback carries an RFC 9207 {@code iss} of another issuer. */
  CALLBACK_WRONG_ISS,
  /**
   * The access token carries the identity scopes asked for but none of the data-provider scopes
   * ({@code cnaf_quotient_familial}...), as for a service whose habilitation does not cover them: a
   * data provider that checks the token must refuse it (API Particulier answers 403).
   */
  DATA_SCOPES_NOT_GRANTED,
  /** The post-logout redirect omits {@code state} (FranceConnect, 2019). */
  LOGOUT_WITHOUT_STATE,
  /** The post-logout redirect carries another {@code state} than the one sent. */
  LOGOUT_OTHER_STATE
}
