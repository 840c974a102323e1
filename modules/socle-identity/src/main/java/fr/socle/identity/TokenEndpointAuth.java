package fr.socle.identity;

/**
 * How the client authenticates at the token endpoint. FranceConnect and FranceConnect+ take {@link
 * #CLIENT_SECRET_POST} or {@link #PRIVATE_KEY_JWT} (ES256 or RS256 on FranceConnect, ES256 only on
 * FranceConnect+), whichever is registered (another method fails with {@code Y044D82C}); ProConnect
 * takes {@link #CLIENT_SECRET_POST} only, having no keys registered for services since August 2026;
 * {@link #CLIENT_SECRET_BASIC} is for {@linkplain ProviderFamily#GENERIC generic} providers.
 */
public enum TokenEndpointAuth {
  /** {@code client_id} and {@code client_secret} in the form body. */
  CLIENT_SECRET_POST,
  /** HTTP Basic with the form-encoded client id and secret (RFC 6749 section 2.3.1). */
  CLIENT_SECRET_BASIC,
  /** A JWT assertion signed with the client's private key (OpenID Connect Core section 9). */
  PRIVATE_KEY_JWT
}
