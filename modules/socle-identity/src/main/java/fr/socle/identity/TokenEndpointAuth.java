package fr.socle.identity;

/**
 * How the client authenticates at the token endpoint. FranceConnect, FranceConnect+ and ProConnect
 * take {@link #CLIENT_SECRET_POST} only (another method fails with {@code Y044D82C}); the other
 * methods are for {@linkplain ProviderFamily#GENERIC generic} providers.
 */
public enum TokenEndpointAuth {
  /** {@code client_id} and {@code client_secret} in the form body. */
  CLIENT_SECRET_POST,
  /** HTTP Basic with the form-encoded client id and secret (RFC 6749 section 2.3.1). */
  CLIENT_SECRET_BASIC,
  /** A JWT assertion signed with the client's private key (OpenID Connect Core section 9). */
  PRIVATE_KEY_JWT
}
