package fr.socle.identity;

import fr.socle.core.InvalidInputException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * An OpenID provider: its family (which rules apply) and its issuer. The endpoints are read from
 * the provider's discovery document ({@code <issuer>/.well-known/openid-configuration}), whose
 * {@code issuer} must be exactly the expected one before any user is redirected.
 *
 * <p>The presets carry the current hosts of the French public services; each host only knows the
 * credentials issued for it (sandbox keys do not work in production, FranceConnect keys do not work
 * on FranceConnect+). The {@code franceConnect(URI)}-style factories apply the same rules to
 * another host, such as a local simulator or a host announced after this release.
 *
 * <pre>{@code
 * IdentityProvider sandbox = IdentityProvider.franceConnectSandbox();
 * IdentityProvider local = IdentityProvider.franceConnect(URI.create("http://127.0.0.1:8081/api/v2"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class IdentityProvider {
  private final ProviderFamily family;
  private final URI issuer;

  private IdentityProvider(ProviderFamily family, URI issuer) {
    this.family = Objects.requireNonNull(family, "family");
    this.issuer = checkIssuer(issuer);
  }

  /**
   * FranceConnect v2 sandbox ("bac à sable"), for the keys issued by the partner portal.
   *
   * @return issuer {@code https://fcp-low.sbx.dev-franceconnect.fr/api/v2}
   */
  public static IdentityProvider franceConnectSandbox() {
    return franceConnect(URI.create("https://fcp-low.sbx.dev-franceconnect.fr/api/v2"));
  }

  /**
   * FranceConnect v2 production.
   *
   * @return issuer {@code https://oidc.franceconnect.gouv.fr/api/v2}
   */
  public static IdentityProvider franceConnectProduction() {
    return franceConnect(URI.create("https://oidc.franceconnect.gouv.fr/api/v2"));
  }

  /**
   * FranceConnect+ integration.
   *
   * @return issuer {@code https://auth.integ01.dev-franceconnect.fr/api/v2}
   */
  public static IdentityProvider franceConnectPlusIntegration() {
    return franceConnectPlus(URI.create("https://auth.integ01.dev-franceconnect.fr/api/v2"));
  }

  /**
   * FranceConnect+ production.
   *
   * @return issuer {@code https://auth.franceconnect.gouv.fr/api/v2}
   */
  public static IdentityProvider franceConnectPlusProduction() {
    return franceConnectPlus(URI.create("https://auth.franceconnect.gouv.fr/api/v2"));
  }

  /**
   * ProConnect integration, internet.
   *
   * @return issuer {@code https://fca.integ01.dev-agentconnect.fr/api/v2}
   */
  public static IdentityProvider proConnectIntegration() {
    return proConnect(URI.create("https://fca.integ01.dev-agentconnect.fr/api/v2"));
  }

  /**
   * ProConnect production, internet.
   *
   * @return issuer {@code https://auth.agentconnect.gouv.fr/api/v2}
   */
  public static IdentityProvider proConnectProduction() {
    return proConnect(URI.create("https://auth.agentconnect.gouv.fr/api/v2"));
  }

  /**
   * ProConnect integration on the State intranet (RIE).
   *
   * @return issuer {@code https://fca.integ02.agentconnect.rie.gouv.fr/api/v2}
   */
  public static IdentityProvider proConnectIntegrationRie() {
    return proConnect(URI.create("https://fca.integ02.agentconnect.rie.gouv.fr/api/v2"));
  }

  /**
   * ProConnect production on the State intranet (RIE).
   *
   * @return issuer {@code https://auth.agentconnect.rie.gouv.fr/api/v2}
   */
  public static IdentityProvider proConnectProductionRie() {
    return proConnect(URI.create("https://auth.agentconnect.rie.gouv.fr/api/v2"));
  }

  /**
   * FranceConnect v2 rules on another issuer (simulator, new host).
   *
   * @param issuer the issuer, https (plain http is accepted for loopback addresses only)
   * @return the provider
   * @throws InvalidInputException if the issuer is not an acceptable URI
   */
  public static IdentityProvider franceConnect(URI issuer) {
    return new IdentityProvider(ProviderFamily.FRANCECONNECT, issuer);
  }

  /**
   * FranceConnect+ rules on another issuer.
   *
   * @param issuer the issuer, https (plain http is accepted for loopback addresses only)
   * @return the provider
   * @throws InvalidInputException if the issuer is not an acceptable URI
   */
  public static IdentityProvider franceConnectPlus(URI issuer) {
    return new IdentityProvider(ProviderFamily.FRANCECONNECT_PLUS, issuer);
  }

  /**
   * ProConnect rules on another issuer (for example {@code
   * https://auth.proconnect.gouv.fr/api/v2}).
   *
   * @param issuer the issuer, https (plain http is accepted for loopback addresses only)
   * @return the provider
   * @throws InvalidInputException if the issuer is not an acceptable URI
   */
  public static IdentityProvider proConnect(URI issuer) {
    return new IdentityProvider(ProviderFamily.PROCONNECT, issuer);
  }

  /**
   * Any OpenID Connect provider, configured by discovery.
   *
   * @param issuer the expected issuer; the discovery document must state exactly this value
   * @return the provider
   * @throws InvalidInputException if the issuer is not an acceptable URI
   */
  public static IdentityProvider oidc(URI issuer) {
    return new IdentityProvider(ProviderFamily.GENERIC, issuer);
  }

  /**
   * Returns the family, which decides the rules applied.
   *
   * @return the family
   */
  public ProviderFamily family() {
    return family;
  }

  /**
   * Returns the expected issuer.
   *
   * @return the issuer URI, exactly as it must appear in tokens
   */
  public URI issuer() {
    return issuer;
  }

  /**
   * Returns the discovery document's address.
   *
   * @return {@code <issuer>/.well-known/openid-configuration}
   */
  public URI discoveryUri() {
    String base = issuer.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/.well-known/openid-configuration");
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("localhost")
        || host.equals("127.0.0.1")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  static URI checkSecureUri(URI uri, String what) {
    Objects.requireNonNull(uri, what);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || uri.getFragment() != null) {
      throw new InvalidInputException(
          what + " must be an absolute URI with a host and no fragment");
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri))) {
      throw new InvalidInputException(
          what + " must use https (plain http is only accepted on a loopback address)");
    }
    return uri;
  }

  private static URI checkIssuer(URI issuer) {
    checkSecureUri(issuer, "issuer");
    if (issuer.getQuery() != null) {
      throw new InvalidInputException("issuer must not have a query");
    }
    return issuer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityProvider other
        && family == other.family
        && issuer.equals(other.issuer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, issuer);
  }

  @Override
  public String toString() {
    return "IdentityProvider[" + family + ", " + issuer + "]";
  }
}
