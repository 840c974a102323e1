package fr.socle.identity;

/**
 * The family of an {@link IdentityProvider}: it decides which rules the client enforces on top of
 * OpenID Connect (algorithms, eIDAS levels, userinfo format, PKCE, client authentication).
 *
 * <table>
 *   <caption>Rules per family</caption>
 *   <tr><th>Family</th><th>ID token / userinfo</th><th>acr_values</th><th>PKCE</th><th>Client
 *   authentication</th></tr>
 *   <tr><td>{@link #FRANCECONNECT}</td><td>JWS ES256 or RS256; userinfo {@code application/jwt}
 *   only</td><td>{@code eidas1}, always sent</td><td>no (not in FranceConnect's API)</td>
 *   <td>client_secret_post or private_key_jwt (ES256, RS256)</td></tr>
 *   <tr><td>{@link #FRANCECONNECT_PLUS}</td><td>JWS ES256 nested in a JWE encrypted to the
 *   application's keys, for both</td><td>{@code eidas2} or {@code eidas3}, always sent</td>
 *   <td>no</td><td>client_secret_post or private_key_jwt (ES256)</td></tr>
 *   <tr><td>{@link #PROCONNECT}</td><td>JWS ES256, RS256 or HS256 (keyed with the client secret);
 *   userinfo {@code application/jwt} only</td><td>optional, as the essential {@code acr} of the
 *   {@code claims} parameter ({@link Assurance}); {@code eidas0}..{@code eidas3}, {@code -mfa}
 *   values and certification dirigeant</td><td>S256</td><td>client_secret_post</td></tr>
 *   <tr><td>{@link #GENERIC}</td><td>JWS ES256, RS256 or PS256; userinfo JSON or signed JWT</td>
 *   <td>optional</td><td>S256 when advertised</td><td>client_secret_post, client_secret_basic,
 *   private_key_jwt</td></tr>
 * </table>
 */
public enum ProviderFamily {
  /** FranceConnect v2 for citizens (eIDAS low). */
  FRANCECONNECT,
  /** FranceConnect+ (eIDAS substantial and high). */
  FRANCECONNECT_PLUS,
  /** ProConnect (formerly AgentConnect), for professionals and public agents. */
  PROCONNECT,
  /** Any OpenID Connect provider, configured by discovery. */
  GENERIC
}
