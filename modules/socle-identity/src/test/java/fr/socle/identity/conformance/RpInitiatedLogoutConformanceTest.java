package fr.socle.identity.conformance;

import static fr.socle.identity.conformance.Conformance.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.identity.Identity;
import fr.socle.identity.IdentityClient;
import fr.socle.identity.InvalidCallbackException;
import fr.socle.identity.LogoutStart;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.FranceConnectSimulatorExtension;
import fr.socle.testkit.franceconnect.Misbehaviour;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OpenID RP-initiated logout test ids, on FranceConnect's {@code /session/end}. */
@DisplayName("OpenID RP-initiated logout conformance against the FranceConnect simulator")
class RpInitiatedLogoutConformanceTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension FC = FranceConnectSimulatorExtension.of(Flavour.FC);

  private FranceConnectSimulator sim;
  private IdentityClient client;
  private Identity identity;

  @BeforeEach
  void login() {
    sim = FC.simulator();
    client = clientFor(sim).build();
    identity = Conformance.login(client, sim);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        out.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return out;
  }

  @Test
  @DisplayName(
      "rp-init-logout: id_token_hint, state and the registered post_logout_redirect_uri are sent;"
          + " the returned state is checked")
  void rpInitLogout() {
    LogoutStart logout = client.logoutUri(identity);
    assertThat(logout.logoutUri().toString()).startsWith(sim.issuer() + "/session/end?");
    assertThat(logout.state()).matches("[A-Za-z0-9]{64}");

    URI back = sim.logout(logout.logoutUri());

    assertThat(back.toString()).startsWith(sim.postLogoutRedirectUris().get(0) + "?");
    assertThat(client.verifyLogoutCallback(query(back), logout.state())).isTrue();
  }

  @Test
  @DisplayName("rp-init-logout-other-state: a different state is refused")
  void rpInitLogoutOtherState() {
    LogoutStart logout = client.logoutUri(identity);
    sim.misbehave(Misbehaviour.LOGOUT_OTHER_STATE);
    URI back = sim.logout(logout.logoutUri());
    assertThatThrownBy(() -> client.verifyLogoutCallback(query(back), logout.state()))
        .isInstanceOfSatisfying(
            InvalidCallbackException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCallbackException.Reason.STATE_MISMATCH));
  }

  @Test
  @DisplayName("rp-init-logout-no-state: a missing state is tolerated (FranceConnect, 2019)")
  void rpInitLogoutNoState() {
    LogoutStart logout = client.logoutUri(identity);
    sim.misbehave(Misbehaviour.LOGOUT_WITHOUT_STATE);
    URI back = sim.logout(logout.logoutUri());
    assertThat(back.getQuery()).isNull();
    assertThat(client.verifyLogoutCallback(query(back), logout.state())).isFalse();
  }

  @Test
  @DisplayName("the ID token kept in the Identity is accepted as id_token_hint only once")
  void logout_hintIsSingleUse() {
    LogoutStart logout = client.logoutUri(identity);
    sim.logout(logout.logoutUri());
    assertThatThrownBy(() -> sim.logout(client.logoutUri(identity).logoutUri()))
        .hasMessageContaining("Y0429C91");
  }
}
