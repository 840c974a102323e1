package fr.socle.testkit.franceconnect;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code /.well-known/openid-configuration}: the discovery document of the registration. */
final class DiscoveryEndpoint implements Endpoint {
  private final Registration reg;
  private final String issuer;
  private final SimulatorState state;
  private final Exchanges out;

  DiscoveryEndpoint(Registration reg, String issuer, SimulatorState state, Exchanges out) {
    this.reg = reg;
    this.issuer = issuer;
    this.state = state;
    this.out = out;
  }

  @Override
  public void handle(HttpExchange ex, String method) throws IOException {
    out.sendJson(
        ex,
        200,
        DiscoveryDocument.of(
            reg, issuer, state.misbehaviours.contains(Misbehaviour.DISCOVERY_ISSUER_MISMATCH)));
  }
}
