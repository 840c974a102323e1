package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code /jwks}: the provider's public signing keys, or an outage page. */
final class JwksEndpoint implements Endpoint {
  private final SigningKeys keys;
  private final SimulatorState state;
  private final Exchanges out;

  JwksEndpoint(SigningKeys keys, SimulatorState state, Exchanges out) {
    this.keys = keys;
    this.state = state;
    this.out = out;
  }

  @Override
  public void handle(HttpExchange ex, String method) throws IOException {
    if (state.misbehaviours.contains(Misbehaviour.JWKS_DOWN)) {
      out.technicalError(ex, 503);
      return;
    }
    ex.getResponseHeaders().set("Cache-Control", "public, max-age=60");
    Exchanges.send(
        ex,
        200,
        "application/json; charset=utf-8",
        keys.publicJwks(
            state.misbehaviours.contains(Misbehaviour.KID_ABSENT_SINGLE_KEY)
                || state.misbehaviours.contains(Misbehaviour.KID_ABSENT_MULTIPLE_KEYS),
            state.misbehaviours.contains(Misbehaviour.KID_ABSENT_MULTIPLE_KEYS)));
  }
}
