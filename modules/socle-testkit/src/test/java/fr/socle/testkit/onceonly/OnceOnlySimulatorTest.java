package fr.socle.testkit.onceonly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator's rules, seen from raw HTTP, as any client would meet them. */
class OnceOnlySimulatorTest {
  @RegisterExtension static final OnceOnlySimulatorExtension SIM = new OnceOnlySimulatorExtension();

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static final String QF_DUPONT =
      "/v3/dss/quotient_familial/identite?recipient=21350238800019&nomNaissance=DUPONT"
          + "&prenoms%5B%5D=CLAIRE&sexeEtatCivil=F&anneeDateNaissance=1985&moisDateNaissance=3"
          + "&jourDateNaissance=12&codeCogInseePaysNaissance=99100"
          + "&codeCogInseeCommuneNaissance=35238";

  static HttpResponse<String> get(OnceOnlySimulator sim, String pathAndQuery, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void quotientFamilial_byIdentity_answersTheEnvelopeAndRateLimitHeaders(OnceOnlySimulator sim)
      throws Exception {
    HttpResponse<String> r = get(sim, QF_DUPONT, OnceOnlySimulator.PARTICULIER_TOKEN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"data\"", "\"quotient_familial\"", "\"valeur\":520");
    assertThat(r.headers().firstValue("RateLimit-Limit")).contains("20");
    assertThat(r.headers().firstValue("RateLimit-Remaining")).contains("19");
    assertThat(r.headers().firstValue("RateLimit-Reset")).isPresent();
  }

  @Test
  void withoutAValidToken_is401(OnceOnlySimulator sim) throws Exception {
    assertThat(get(sim, QF_DUPONT, null).statusCode()).isEqualTo(401);
    HttpResponse<String> r = get(sim, QF_DUPONT, "not-a-token");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("00101");
  }

  @Test
  void parameterChecks_areThoseOfTheRealApi(OnceOnlySimulator sim) throws Exception {
    String t = OnceOnlySimulator.PARTICULIER_TOKEN;
    HttpResponse<String> noRecipient =
        get(sim, QF_DUPONT.replace("recipient=21350238800019&", ""), t);
    assertThat(noRecipient.statusCode()).isEqualTo(422);
    assertThat(noRecipient.body()).contains("00203");
    HttpResponse<String> badSexe =
        get(sim, QF_DUPONT.replace("sexeEtatCivil=F", "sexeEtatCivil=X"), t);
    assertThat(badSexe.statusCode()).isEqualTo(422);
    assertThat(badSexe.body()).contains("00366");
    String four = "&prenoms%5B%5D=A&prenoms%5B%5D=B&prenoms%5B%5D=C";
    assertThat(get(sim, QF_DUPONT + four, t).statusCode()).isEqualTo(422);
    assertThat(get(sim, QF_DUPONT + "&annee=2999&mois=1", t).statusCode()).isEqualTo(400);

    String e = OnceOnlySimulator.ENTREPRISE_TOKEN;
    String vig =
        "/v4/urssaf/unites_legales/" + OnceOnlySimulator.SIREN_EN_REGLE + "/attestation_vigilance";
    assertThat(get(sim, vig + "?recipient=21350238800019&object=o", e).body()).contains("00201");
    assertThat(get(sim, vig + "?recipient=21350238800019&context=c", e).body()).contains("00202");
    assertThat(get(sim, vig + "?context=c&object=o", e).body()).contains("00203");
    String self = "?recipient=" + OnceOnlySimulator.SIREN_EN_REGLE + "00018&context=c&object=o";
    assertThat(get(sim, vig + self, e).statusCode()).isEqualTo(422);
    assertThat(
            get(
                    sim,
                    "/v4/urssaf/unites_legales/123/attestation_vigilance?recipient=21350238800019&context=c&object=o",
                    e)
                .body())
        .contains("00301");
  }

  @Test
  void identities_matchExactly_orByNearMissWithTheFullBirthDate(OnceOnlySimulator sim)
      throws Exception {
    String t = OnceOnlySimulator.PARTICULIER_TOKEN;
    // CLERE sounds like CLAIRE; DUPOND is one typo away from DUPONT.
    String near = QF_DUPONT.replace("CLAIRE", "CLERE").replace("=DUPONT", "=DUPOND");
    assertThat(get(sim, near, t).statusCode()).isEqualTo(200);
    String nearWithYearOnly =
        near.replace("&moisDateNaissance=3", "").replace("&jourDateNaissance=12", "");
    HttpResponse<String> r = get(sim, nearWithYearOnly, t);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("37003");
    String exactWithYearOnly =
        QF_DUPONT.replace("&moisDateNaissance=3", "").replace("&jourDateNaissance=12", "");
    assertThat(get(sim, exactWithYearOnly, t).statusCode()).isEqualTo(200);
    assertThat(get(sim, QF_DUPONT.replace("35238", "35001"), t).statusCode()).isEqualTo(404);
  }

  @Test
  void fixtureNames_triggerProviderFailures(OnceOnlySimulator sim) throws Exception {
    String t = OnceOnlySimulator.PARTICULIER_TOKEN;
    HttpResponse<String> quota = get(sim, QF_DUPONT.replace("=DUPONT", "=QUOTA"), t);
    assertThat(quota.statusCode()).isEqualTo(429);
    assertThat(quota.headers().firstValue("Retry-After")).contains("30");
    HttpResponse<String> panne = get(sim, QF_DUPONT.replace("=DUPONT", "=PANNE"), t);
    assertThat(panne.statusCode()).isEqualTo(502);
    assertThat(panne.body()).contains("retry_in");
    assertThat(get(sim, QF_DUPONT.replace("=DUPONT", "=DELAI"), t).statusCode()).isEqualTo(504);
  }

  @Test
  void parallelDuplicate_is409_00015(OnceOnlySimulator sim) throws Exception {
    sim.misbehave(Misbehaviour.slow(Duration.ofMillis(500)));
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.add(
          HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create(sim.baseUrl() + QF_DUPONT))
                  .header("Authorization", "Bearer " + OnceOnlySimulator.PARTICULIER_TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> f : all) {
      HttpResponse<String> r = f.get();
      statuses.add(r.statusCode());
      if (r.statusCode() == 409) {
        assertThat(r.body()).contains("00015");
      }
    }
    assertThat(statuses).containsOnlyOnce(200).contains(409);
  }

  @Test
  void overTheTokensLimit_is429WithRetryAfter() throws Exception {
    try (OnceOnlySimulator sim =
        OnceOnlySimulator.builder()
            .limit("entreprise", "dgfip_attestation", 2, Duration.ofMinutes(1))
            .start()) {
      String fis =
          "/v4/dgfip/unites_legales/"
              + OnceOnlySimulator.SIREN_EN_REGLE
              + "/attestation_fiscale?recipient=21350238800019&context=c&object=o";
      String e = OnceOnlySimulator.ENTREPRISE_TOKEN;
      assertThat(get(sim, fis, e).statusCode()).isEqualTo(200);
      assertThat(get(sim, fis, e).statusCode()).isEqualTo(200);
      HttpResponse<String> third = get(sim, fis, e);
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).isPresent();
      assertThat(third.headers().firstValue("RateLimit-Remaining")).contains("0");
    }
  }

  @Test
  void misbehaviour_garbageAndProviderDown(OnceOnlySimulator sim) throws Exception {
    sim.misbehave(Misbehaviour.garbage());
    HttpResponse<String> g = get(sim, QF_DUPONT, OnceOnlySimulator.PARTICULIER_TOKEN);
    assertThat(g.statusCode()).isEqualTo(200);
    assertThat(g.body()).startsWith("<html>");
    sim.misbehave(Misbehaviour.providerDown(504));
    assertThat(get(sim, QF_DUPONT, OnceOnlySimulator.PARTICULIER_TOKEN).statusCode())
        .isEqualTo(504);
    sim.reset();
    assertThat(get(sim, QF_DUPONT, OnceOnlySimulator.PARTICULIER_TOKEN).statusCode())
        .isEqualTo(200);
  }

  @Test
  void requestLog_recordsRouteTokenFingerprintAndStatus(OnceOnlySimulator sim) throws Exception {
    get(sim, QF_DUPONT, OnceOnlySimulator.PARTICULIER_TOKEN);
    assertThat(sim.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.route()).isEqualTo("/v3/dss/quotient_familial/identite");
              assertThat(r.token())
                  .isEqualTo(OnceOnlySimulator.fingerprint(OnceOnlySimulator.PARTICULIER_TOKEN));
              assertThat(r.status()).isEqualTo(200);
            });
  }

  @Test
  void standaloneCommand_printsHowToUseIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OnceOnlySimulator sim =
        fr.socle.testkit.onceonly.internal.OnceOnlyCommand.start(
            new String[] {"--port", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains(sim.baseUrl().toString(), OnceOnlySimulator.PARTICULIER_TOKEN);
    }
  }
}
