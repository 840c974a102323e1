package fr.socle.onceonly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static fr.socle.onceonly.Fixtures.NOT_FOUND;
import static fr.socle.onceonly.Fixtures.QF_CNAF;
import static fr.socle.onceonly.Fixtures.RECIPIENT;
import static fr.socle.onceonly.Fixtures.camille;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.http.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiParticulierClientTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final Secret TOKEN = Secret.of("vendor-jwt-0123456789");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  ApiParticulierClient client;

  @BeforeEach
  void start() {
    client = builder().build();
  }

  ApiParticulierClient.Builder builder() {
    return ApiParticulierClient.builder()
        .baseUrl(wm.baseUrl())
        .token(TOKEN)
        .recipient(RECIPIENT)
        .clock(CLOCK)
        .auditListener(audit::add);
  }

  @AfterEach
  void stop() {
    client.close();
  }

  @Test
  void quotientFamilial_byIdentity_sendsTheApisParametersAndReadsTheAnswer() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite")).willReturn(okJson(QF_CNAF)));

    QuotientFamilial qf = client.quotientFamilial(Usager.parIdentite(camille())).orElseThrow();

    assertThat(qf.fournisseur()).isEqualTo(Fournisseur.CNAF);
    assertThat(qf.valeur()).isEqualTo(642);
    assertThat(qf.periode()).isEqualTo(YearMonth.of(2026, 11));
    assertThat(qf.moisCalcul()).isEqualTo(YearMonth.of(2026, 9));
    assertThat(qf.allocataires())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.nomUsage()).contains("BERTIN");
              assertThat(p.dateNaissanceComplete()).isPresent();
            });
    assertThat(qf.enfants()).hasSize(2);
    assertThat(qf.enfants().get(0).dateNaissanceComplete()).isEmpty();
    assertThat(qf.adresse().flatMap(AdressePostale::codePostalVille)).contains("35000 RENNES");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .withHeader("Authorization", equalTo("Bearer vendor-jwt-0123456789"))
            .withQueryParam("recipient", equalTo(RECIPIENT))
            .withQueryParam("nomNaissance", equalTo("LEGRAND"))
            .withQueryParam("prenoms[]", equalTo("CAMILLE"))
            .withQueryParam("prenoms[]", equalTo("ROSE"))
            .withQueryParam("sexeEtatCivil", equalTo("F"))
            .withQueryParam("anneeDateNaissance", equalTo("1987"))
            .withQueryParam("moisDateNaissance", equalTo("5"))
            .withQueryParam("jourDateNaissance", equalTo("14"))
            .withQueryParam("codeCogInseePaysNaissance", equalTo("99100"))
            .withQueryParam("codeCogInseeCommuneNaissance", equalTo("35238")));
  }

  @Test
  void quotientFamilial_byFranceConnect_usesTheUsersTokenAndTheMonth() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/france_connect"))
            .willReturn(okJson(QF_CNAF)));

    client.quotientFamilial(
        Usager.parFranceConnect(Secret.of("fc-access-token")), YearMonth.of(2026, 11));

    wm.verify(
        getRequestedFor(urlPathEqualTo("/v3/dss/quotient_familial/france_connect"))
            .withHeader("Authorization", equalTo("Bearer fc-access-token"))
            .withQueryParam("recipient", equalTo(RECIPIENT))
            .withQueryParam("annee", equalTo("2026"))
            .withQueryParam("mois", equalTo("11"))
            .withQueryParam(
                "nomNaissance", com.github.tomakehurst.wiremock.client.WireMock.absent()));
  }

  @Test
  void quotientFamilial_ofAFutureMonth_isRefusedWithoutACall() {
    assertThatThrownBy(
            () -> client.quotientFamilial(Usager.parIdentite(camille()), YearMonth.of(2027, 1)))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(
            () -> client.quotientFamilial(Usager.parIdentite(camille()), YearMonth.of(2024, 11)))
        .isInstanceOf(InvalidQueryException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void notFound_withTheApisEnvelope_isEmpty() {
    wm.stubFor(
        get(urlPathMatching("/v3/dss/.*"))
            .willReturn(aResponse().withStatus(404).withBody(NOT_FOUND)));

    assertThat(client.quotientFamilial(Usager.parIdentite(camille()))).isEmpty();
    assertThat(audit)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCode()).contains("37003");
            });
  }

  @Test
  void notFound_withoutAnEnvelope_isAnErrorNotAnEmptyAnswer() {
    // A 404 from a proxy or a wrong base URL says nothing about the family: fail closed.
    wm.stubFor(
        get(urlPathMatching("/v3/dss/.*"))
            .willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOf(OnceOnlyServiceException.class);
  }

  @Test
  void invalidToken_isAccessDenied_andTheMessageHoldsNeitherTokenNorIdentity() {
    wm.stubFor(
        get(urlPathMatching("/v3/dss/.*"))
            .willReturn(
                aResponse().withStatus(401).withBody(Fixtures.error("00101", "Interdit", ""))));

    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOf(AccessDeniedException.class)
        .satisfies(
            e -> {
              assertThat(((SocleServiceException) e).errorCode()).contains("00101");
              assertThat(e.getMessage())
                  .doesNotContain("vendor-jwt", "LEGRAND", "CAMILLE", "35238", "1987");
            });
  }

  @Test
  void providerTimeout_isProviderUnavailable_withRetryIn() {
    wm.stubFor(
        get(urlPathMatching("/v3/dss/.*"))
            .willReturn(
                aResponse()
                    .withStatus(504)
                    .withBody(
                        Fixtures.error(
                            "37002",
                            "Intermédiaire hors-délai",
                            "\"provider\":\"CNAV\",\"retry_in\":300"))));

    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.retryIn()).contains(Duration.ofSeconds(300));
              assertThat(e.firstError().flatMap(ApiError::provider)).contains("CNAV");
            });
  }

  @Test
  void garbage_orAnAnswerWithoutData_isAnError() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .willReturn(okJson("{\"data\": ")));
    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOf(SocleServiceException.class);

    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .willReturn(okJson("{\"links\":{},\"meta\":{}}")));
    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOf(SocleServiceException.class);

    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .willReturn(
                okJson(QF_CNAF.replace("\"fournisseur\":\"CNAF\"", "\"fournisseur\":\"CAF\""))));
    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOf(SocleServiceException.class)
        .hasMessageContaining("fournisseur");

    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .willReturn(okJson(QF_CNAF.replace("\"valeur\":642", "\"valeur\":\"642\""))));
    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOf(SocleServiceException.class)
        .hasMessageNotContaining("642");
  }

  @Test
  void tooManyRequests_holdsTheTokensCallsOffAsLongAsRetryAfterSays() {
    wm.stubFor(
        get(urlPathMatching("/v3/dss/.*"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "60")
                    .withBody(Fixtures.error("00429", "Trop de requêtes", ""))));
    OnceOnlyRateLimiter limiter =
        OnceOnlyRateLimiter.builder().maxWait(Duration.ofMillis(200)).build();
    try (ApiParticulierClient c = builder().rateLimiter(limiter).build()) {
      assertThatThrownBy(() -> c.quotientFamilial(Usager.parIdentite(camille())))
          .isInstanceOfSatisfying(
              RateLimitedException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
      // Calling again right away is what gets an IP banned: the limiter refuses locally, a client
      // error (the API was not called), not the API's 429.
      assertThatThrownBy(() -> c.quotientFamilial(Usager.parIdentite(camille())))
          .isInstanceOf(ClientRateLimitedException.class)
          .isNotInstanceOf(SocleServiceException.class);
    }
    wm.verify(1, getRequestedFor(urlPathMatching("/v3/dss/.*")));
  }

  @Test
  void rateLimitRemainingZero_holdsOffUntilTheWindowResets() {
    long reset = Instant.now().getEpochSecond() + 30;
    wm.stubFor(
        get(urlPathMatching("/v3/dss/.*"))
            .willReturn(
                okJson(QF_CNAF)
                    .withHeader("RateLimit-Limit", "20")
                    .withHeader("RateLimit-Remaining", "0")
                    .withHeader("RateLimit-Reset", Long.toString(reset))));
    OnceOnlyRateLimiter limiter =
        OnceOnlyRateLimiter.builder().maxWait(Duration.ofMillis(200)).build();
    try (ApiParticulierClient c = builder().clock(Clock.systemUTC()).rateLimiter(limiter).build()) {
      assertThat(c.quotientFamilial(Usager.parIdentite(camille()))).isPresent();
      assertThatThrownBy(() -> c.quotientFamilial(Usager.parIdentite(camille())))
          .isInstanceOf(ClientRateLimitedException.class);
    }
    wm.verify(1, getRequestedFor(urlPathMatching("/v3/dss/.*")));
  }

  @Test
  void identicalCallsInFlight_areSentOnce_andShareTheAnswer() throws Exception {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .willReturn(okJson(QF_CNAF).withFixedDelay(400)));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Optional<QuotientFamilial>>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> client.quotientFamilial(Usager.parIdentite(camille()))));
      }
      for (Future<Optional<QuotientFamilial>> r : results) {
        assertThat(r.get().orElseThrow().valeur()).isEqualTo(642);
      }
    } finally {
      pool.shutdownNow();
    }
    wm.verify(1, getRequestedFor(urlPathEqualTo("/v3/dss/quotient_familial/identite")));
    assertThat(audit).hasSize(6);
    assertThat(audit.stream().filter(AuditEvent::coalesced)).hasSize(5);
  }

  @Test
  void conflict00015_fromAnotherNode_isWaitedOutThenRetried() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .inScenario("dup")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse().withStatus(409).withBody(Fixtures.error("00015", "Conflit", "")))
            .willSetStateTo("done"));
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite"))
            .inScenario("dup")
            .whenScenarioStateIs("done")
            .willReturn(okJson(QF_CNAF)));

    assertThat(client.quotientFamilial(Usager.parIdentite(camille()))).isPresent();
    wm.verify(2, getRequestedFor(urlPathEqualTo("/v3/dss/quotient_familial/identite")));
  }

  @Test
  void slowPeer_failsAtTheCallDeadline() {
    wm.stubFor(get(urlPathMatching("/v3/dss/.*")).willReturn(okJson(QF_CNAF).withFixedDelay(3000)));
    try (ApiParticulierClient c = builder().callTimeout(Duration.ofMillis(500)).build()) {
      assertThatThrownBy(() -> c.quotientFamilial(Usager.parIdentite(camille())))
          .isInstanceOf(SocleTimeoutException.class);
    }
  }

  @Test
  void oversizedAnswer_isRefused() {
    String huge = "{\"data\":{\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
    wm.stubFor(get(urlPathMatching("/v3/dss/.*")).willReturn(okJson(huge)));
    assertThatThrownBy(() -> client.quotientFamilial(Usager.parIdentite(camille())))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void audit_tellsWhoAskedWhatForWhom_withoutTheData() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite")).willReturn(okJson(QF_CNAF)));

    client.quotientFamilial(Usager.parIdentite(camille()));

    assertThat(audit)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.api()).isEqualTo("particulier");
              assertThat(e.route()).isEqualTo("/v3/dss/quotient_familial/identite");
              assertThat(e.recipient()).isEqualTo(RECIPIENT);
              assertThat(e.status()).isEqualTo(200);
              assertThat(e.subject()).isEmpty();
              assertThat(e.tokenFingerprint()).hasSize(16).doesNotContain("vendor");
              assertThat(e.toString()).doesNotContain("LEGRAND", "CAMILLE", "642", "vendor-jwt");
            });
  }

  @Test
  void failingAuditListener_withholdsTheData() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite")).willReturn(okJson(QF_CNAF)));
    try (ApiParticulierClient c =
        builder()
            .auditListener(
                e -> {
                  throw new IllegalStateException("audit table unavailable");
                })
            .build()) {
      assertThatThrownBy(() -> c.quotientFamilial(Usager.parIdentite(camille())))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("withheld");
    }
  }

  @Test
  void toStrings_printNothingPersonal() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite")).willReturn(okJson(QF_CNAF)));
    QuotientFamilial qf = client.quotientFamilial(Usager.parIdentite(camille())).orElseThrow();

    assertThat(qf.toString() + qf.allocataires() + qf.enfants() + qf.adresse() + camille())
        .doesNotContain("LEGRAND", "BERTIN", "CAMILLE", "LILAS", "642", "1987");
    assertThat(client.toString() + Usager.parFranceConnect(Secret.of("fc-secret")))
        .doesNotContain("vendor-jwt", "fc-secret");
  }

  @Test
  void benefits_scolariteAndStudents_readTheirAnswers() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/revenu_solidarite_active/identite"))
            .willReturn(
                okJson(
                    "{\"data\":{\"est_beneficiaire\":true,\"avec_majoration\":false,"
                        + "\"date_debut_droit\":\"2024-01-01\"},\"links\":{},\"meta\":{}}")));
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/allocation_enfant_handicape/identite"))
            .willReturn(
                okJson(
                    "{\"data\":{\"status\":\"ouvrant_droit\",\"date_debut_droit\":null},"
                        + "\"links\":{},\"meta\":{}}")));
    wm.stubFor(
        get(urlPathEqualTo("/v5/men/scolarites/identite"))
            .willReturn(
                okJson(
                    "{\"data\":{\"identite\":{\"nom\":\"X\"},\"annee_scolaire\":\"2025-2026\","
                        + "\"est_scolarise\":true,\"est_boursier\":true,\"echelon_bourse\":2,"
                        + "\"etablissement\":{\"code_uai\":\"0350001A\"},"
                        + "\"statut_eleve\":{\"code\":\"ST\",\"libelle\":\"SCOLAIRE\"},"
                        + "\"regime_pensionnat\":{\"code\":\"DP\",\"libelle\":\"DEMI-PENSIONNAIRE\"}},"
                        + "\"links\":{},\"meta\":{}}")));
    wm.stubFor(
        get(urlPathEqualTo("/v3/mesri/statut_etudiant/ine"))
            .willReturn(
                okJson(
                    "{\"data\":{\"admissions\":[{\"date_debut\":\"2025-09-01\",\"date_fin\":"
                        + "\"2026-08-31\",\"est_inscrit\":true,\"regime_formation\":{\"libelle\":"
                        + "\"formation initiale\",\"code\":\"RF1\"},\"code_cog_insee_commune\":"
                        + "\"35238\",\"etablissement_etudes\":{\"uai\":\"0350937D\",\"nom\":"
                        + "\"Université de Rennes\"}}]},\"links\":{},\"meta\":{}}")));

    DroitPrestation rsa =
        client
            .prestation(Prestation.REVENU_SOLIDARITE_ACTIVE, Usager.parIdentite(camille()))
            .orElseThrow();
    assertThat(rsa.beneficiaire()).isTrue();
    assertThat(rsa.avecMajoration()).contains(false);
    DroitPrestation aeeh =
        client
            .prestation(Prestation.ALLOCATION_ENFANT_HANDICAPE, Usager.parIdentite(camille()))
            .orElseThrow();
    assertThat(aeeh.beneficiaire()).isTrue();
    assertThat(aeeh.statutAeeh()).contains("ouvrant_droit");
    Scolarite s =
        client
            .scolarite(
                new ScolariteQuery(
                    "BERTIN",
                    List.of("LOUIS"),
                    Sexe.M,
                    java.time.LocalDate.of(2016, 2, 3),
                    "2025-2026",
                    Optional.empty()))
            .orElseThrow();
    assertThat(s.estBoursier()).isTrue();
    assertThat(s.echelonBourse()).hasValue(2);
    assertThat(s.regimePensionnat()).contains("DEMI-PENSIONNAIRE");
    StatutEtudiant etudiant = client.statutEtudiantParIne("1234567890G").orElseThrow();
    assertThat(etudiant.estInscritLe(java.time.LocalDate.of(2026, 1, 15))).isTrue();
    assertThat(etudiant.estInscritLe(java.time.LocalDate.of(2026, 9, 15))).isFalse();
  }

  @Test
  void sharedTransport_staysOpenAfterTheClientCloses() {
    wm.stubFor(
        get(urlPathEqualTo("/v3/dss/quotient_familial/identite")).willReturn(okJson(QF_CNAF)));
    try (HttpTransport http = HttpTransport.create()) {
      builder().httpTransport(http).build().close();
      try (ApiParticulierClient c = builder().httpTransport(http).build()) {
        assertThat(c.quotientFamilial(Usager.parIdentite(camille()))).isPresent();
      }
    }
  }

  @Test
  void identityCalls_withoutTheVendorToken_failBeforeCalling() {
    try (ApiParticulierClient fcOnly =
        ApiParticulierClient.builder().baseUrl(wm.baseUrl()).recipient(RECIPIENT).build()) {
      assertThatThrownBy(() -> fcOnly.quotientFamilial(Usager.parIdentite(camille())))
          .isInstanceOf(SocleClientException.class);
    }
    assertThatThrownBy(() -> ApiParticulierClient.builder().recipient("21350238800013"))
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> ApiParticulierClient.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("recipient");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
