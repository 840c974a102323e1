package fr.socle.testkit.franceconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("FranceConnect simulator: hostile input and concurrent logins")
class HostileInputTest {
  @RegisterExtension
  static final FranceConnectSimulatorExtension PC =
      FranceConnectSimulatorExtension.of(Flavour.PROCONNECT);

  @Test
  void errorPage_escapesWhatTheRequestCarried() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    Map<String, String> params = client.validParameters();
    params.put("<script>alert(1)</script>", "x");
    HttpResponse<String> page = client.get(client.authorizeUri(params));
    assertThat(page.body()).contains("Y000400").doesNotContain("<script>");
  }

  @Test
  void oversizedBodies_areRefused() {
    FranceConnectSimulator sim = PC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    Map<String, String> huge = Map.of("state", "x".repeat(70_000));

    HttpResponse<String> token = client.postForm(URI.create(sim.issuer() + "/token"), huge);
    assertThat(token.statusCode()).isEqualTo(400);
    assertThat(RawOidcClient.json(token.body())).containsEntry("error", "invalid_request");

    HttpResponse<String> authorize = client.postForm(URI.create(sim.issuer() + "/authorize"), huge);
    assertThat(authorize.statusCode()).isEqualTo(413);
  }

  @Test
  void unknownTestUser_isRefusedOnTheIdentityPage() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    URI page = RawOidcClient.location(client.get(client.authorizeUri(client.validParameters())));
    HttpResponse<String> response =
        client.postForm(URI.create(page + "/login"), Map.of("login", "nobody@example.org"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void garbageTokens_areRefused() {
    FranceConnectSimulator sim = PC.simulator();
    RawOidcClient client = new RawOidcClient(sim);
    assertThat(client.get(URI.create(sim.issuer() + "/userinfo"), "garbage-token").statusCode())
        .isEqualTo(401);
    Map<String, String> form = client.tokenParameters("not-a-code", client.validParameters());
    assertThat(
            RawOidcClient.json(client.postForm(URI.create(sim.issuer() + "/token"), form).body()))
        .containsEntry("error", "invalid_grant");
  }

  @Test
  void concurrentLogins_eachGetTheirOwnNonceAndCode() {
    RawOidcClient client = new RawOidcClient(PC.simulator());
    List<Boolean> ok =
        IntStream.range(0, 16)
            .parallel()
            .mapToObj(
                i -> {
                  Map<String, String> params = client.validParameters();
                  Map<String, Object> tokens = client.fullLogin(params, "test@fia1.fr");
                  try {
                    return params
                        .get("nonce")
                        .equals(
                            client.verify((String) tokens.get("id_token")).getStringClaim("nonce"));
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                })
            .toList();
    assertThat(ok).hasSize(16).containsOnly(true);
  }
}
