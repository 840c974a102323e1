package fr.socle.spring.boot.autoconfigure.security;

import fr.socle.identity.EidasLevel;
import fr.socle.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user logged in through FranceConnect, FranceConnect+ or ProConnect. The principal is the typed
 * {@link Identity} ({@code @AuthenticationPrincipal Identity identity} in a controller); the
 * authorities are {@code ROLE_USER} and one {@code EIDAS_n} per eIDAS level the login satisfies (an
 * {@code eidas2} login holds {@code EIDAS_1} and {@code EIDAS_2}), so that {@code
 * hasAuthority("EIDAS_2")} reads as "at least eIDAS substantial".
 *
 * <p>Holds no token: {@link #getCredentials()} is empty. {@link #toString()} prints no personal
 * datum. Immutable once authenticated.
 */
public final class SocleAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  /** Prefix of the eIDAS authorities: {@code EIDAS_1}, {@code EIDAS_2}, {@code EIDAS_3}. */
  public static final String EIDAS_AUTHORITY_PREFIX = "EIDAS_";

  private final transient Identity identity;

  /**
   * Creates an authenticated token for a verified identity.
   *
   * @param identity the identity returned by {@code IdentityClient.complete(..)}
   */
  public SocleAuthentication(Identity identity) {
    super(authorities(Objects.requireNonNull(identity, "identity")));
    this.identity = identity;
    setAuthenticated(true);
  }

  /**
   * Returns the authority that stands for an eIDAS level.
   *
   * @param level the level
   * @return e.g. {@code EIDAS_2}
   */
  public static String authority(EidasLevel level) {
    return EIDAS_AUTHORITY_PREFIX + level.name().substring("EIDAS".length());
  }

  private static List<GrantedAuthority> authorities(Identity identity) {
    List<GrantedAuthority> out = new ArrayList<>();
    out.add(new SimpleGrantedAuthority("ROLE_USER"));
    identity
        .eidasLevel()
        .ifPresent(
            level -> {
              for (EidasLevel l : EidasLevel.values()) {
                if (l != EidasLevel.EIDAS0 && level.satisfies(l)) {
                  out.add(new SimpleGrantedAuthority(authority(l)));
                }
              }
            });
    return out;
  }

  /**
   * Returns the identity.
   *
   * @return the verified identity
   */
  public Identity identity() {
    return identity;
  }

  @Override
  public Identity getPrincipal() {
    return identity;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  /** Returns the provider's subject: pseudonymous (pairwise) on FranceConnect. */
  @Override
  public String getName() {
    return identity.subject();
  }

  @Override
  public String toString() {
    return "SocleAuthentication[authorities=" + getAuthorities() + ", identity=redacted]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SocleAuthentication other && identity == other.identity;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(identity);
  }
}
