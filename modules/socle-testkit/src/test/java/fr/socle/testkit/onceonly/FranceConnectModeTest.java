package fr.socle.testkit.onceonly;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.testkit.franceconnect.TokenIntrospection;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("API Particulier simulator: /france_connect routes check the token with FranceConnect")
class FranceConnectModeTest {
  private static final String QF =
      "/v3/dss/quotient_familial/france_connect?recipient=21350238800019";
  private static final Instant LATER = Instant.parse("2999-01-01T00:00:00Z");
  private static final Map<String, Object> DUPONT =
      Map.of(
          "family_name", "DUPONT",
          "given_name", "Claire",
          "gender", "female",
          "birthdate", "1985-03-12",
          "birthplace", "35238",
          "birthcountry", "99100");
  private static final List<String> QF_SCOPES =
      List.of("openid", "identite_pivot", "cnaf_quotient_familial");

  private final Map<String, TokenIntrospection> issued = new java.util.HashMap<>();
  private OnceOnlySimulator sim;

  @BeforeEach
  void start() {
    sim =
        OnceOnlySimulator.builder()
            .franceConnect(token -> Optional.ofNullable(issued.get(token)))
            .start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> qf(String token) throws Exception {
    return OnceOnlySimulatorTest.get(sim, QF, token);
  }

  @Test
  void aTokenWithTheScope_isAnsweredForTheHouseholdOfThePivotIdentity() throws Exception {
    issued.put("t", new TokenIntrospection(true, LATER, QF_SCOPES, DUPONT));

    HttpResponse<String> r = qf("t");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"valeur\":520");
  }

  @Test
  void aTokenWithoutTheQuotientFamilialScope_is403() throws Exception {
    issued.put(
        "t", new TokenIntrospection(true, LATER, List.of("openid", "identite_pivot"), DUPONT));

    HttpResponse<String> r = qf("t");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("00100");
  }

  @Test
  void aTokenWithoutThePivotIdentity_is403() throws Exception {
    issued.put(
        "t",
        new TokenIntrospection(
            true, LATER, List.of("openid", "cnaf_quotient_familial"), Map.of("email", "a@b.fr")));

    assertThat(qf("t").statusCode()).isEqualTo(403);
  }

  @Test
  void anUnknownToken_is401_andAnExpiredOne_401Expired() throws Exception {
    issued.put("old", new TokenIntrospection(false, Instant.EPOCH, QF_SCOPES, DUPONT));

    HttpResponse<String> unknown = qf("never-issued");
    HttpResponse<String> expired = qf("old");

    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).contains("00101");
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("00103");
    assertThat(qf(null).statusCode()).isEqualTo(401);
  }

  @Test
  void aUserWithoutAFile_is404() throws Exception {
    Map<String, Object> stranger = new java.util.HashMap<>(DUPONT);
    stranger.put("family_name", "INCONNUE");
    issued.put("t", new TokenIntrospection(true, LATER, QF_SCOPES, stranger));

    HttpResponse<String> r = qf("t");

    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void theFixedTokens_stillStandForTheirHousehold() throws Exception {
    HttpResponse<String> r = qf(OnceOnlySimulator.FC_TOKEN_DUPONT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"valeur\":520");
  }

  @Test
  void withoutAResolver_anyOtherToken_is401() throws Exception {
    try (OnceOnlySimulator plain = OnceOnlySimulator.builder().start()) {
      HttpResponse<String> r = OnceOnlySimulatorTest.get(plain, QF, "t");
      assertThat(r.statusCode()).isEqualTo(401);
    }
  }
}
