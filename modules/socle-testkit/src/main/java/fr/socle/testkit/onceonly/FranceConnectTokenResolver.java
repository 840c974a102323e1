package fr.socle.testkit.onceonly;

import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.TokenIntrospection;
import java.util.Objects;
import java.util.Optional;

/**
 * How the API Particulier simulator checks a FranceConnect access token on a {@code
 * /france_connect} route, as the real API asks FranceConnect: the token's scopes, whether it is
 * still valid, and the user's pivot identity, which the simulator then looks up in its catalogue.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FranceConnectTokenResolver {

  /**
   * Checks a token.
   *
   * @param accessToken the bearer token received
   * @return what FranceConnect knows of it; empty if it never issued it or revoked it
   */
  Optional<TokenIntrospection> resolve(String accessToken);

  /**
   * Resolves the tokens a {@link FranceConnectSimulator} issued, in process.
   *
   * @param simulator the running FranceConnect simulator
   * @return the resolver
   */
  static FranceConnectTokenResolver of(FranceConnectSimulator simulator) {
    Objects.requireNonNull(simulator, "simulator");
    return simulator::introspect;
  }
}
