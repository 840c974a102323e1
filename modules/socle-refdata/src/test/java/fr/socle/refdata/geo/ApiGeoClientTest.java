package fr.socle.refdata.geo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import fr.socle.core.CircuitOpenException;
import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.refdata.client.GeoPoint;
import fr.socle.refdata.spi.ResponseCache;
import fr.socle.refdata.validation.InvalidIdentifierException;
import fr.socle.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiGeoClientTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Shape of GET /communes/93066?fields=... (datagouv/api-geo).
  static final String SAINT_DENIS =
      """
      {"nom":"Saint-Denis","code":"93066","codesPostaux":["93200","93210","93380"],
       "siren":"929939411","codeEpci":"200057867","codeDepartement":"93","codeRegion":"11",
       "population":149077,"surface":1236.5,
       "centre":{"type":"Point","coordinates":[2.3574,48.9362]},"_unknown":{"a":1}}
      """;

  private ApiGeoClient.Builder builder() {
    return ApiGeoClient.builder().baseUrl(wm.baseUrl()).httpTransport(http -> http.maxRetries(0));
  }

  @Test
  void builder_defaultsToTheProductionHost() {
    try (ApiGeoClient c = ApiGeoClient.builder().build()) {
      assertThat(c.toString()).contains("https://geo.api.gouv.fr");
    }
  }

  @Test
  void commune_whenFound_mapsEveryField() {
    wm.stubFor(get(urlPathEqualTo("/communes/93066")).willReturn(okJson(SAINT_DENIS)));
    try (ApiGeoClient c = builder().build()) {
      GeoCommune sd = c.commune("93066").orElseThrow();
      assertThat(sd.nom()).isEqualTo("Saint-Denis");
      assertThat(sd.postalCodes()).containsExactly("93200", "93210", "93380");
      assertThat(sd.population()).hasValue(149077);
      assertThat(sd.centre()).contains(new GeoPoint(48.9362, 2.3574));
      assertThat(sd.surfaceHectares()).hasValue(1236.5);
      assertThat(sd.epciCode()).contains("200057867");
    }
  }

  @Test
  void commune_when404_isEmpty_andMalformedCodeNeverCallsThePeer() {
    wm.stubFor(get(urlPathEqualTo("/communes/01999")).willReturn(aResponse().withStatus(404)));
    try (ApiGeoClient c = builder().build()) {
      assertThat(c.commune("01999")).isEmpty();
      assertThatThrownBy(() -> c.commune("ABCDE")).isInstanceOf(InvalidIdentifierException.class);
    }
    wm.verify(1, getRequestedFor(urlPathEqualTo("/communes/01999")));
    assertThat(wm.getAllServeEvents()).hasSize(1);
  }

  @Test
  void communes_byPoint_sendsLatLonAndParsesList() {
    wm.stubFor(get(urlPathEqualTo("/communes")).willReturn(okJson("[" + SAINT_DENIS + "]")));
    try (ApiGeoClient c = builder().build()) {
      List<GeoCommune> hits = c.communes(CommuneQuery.at(new GeoPoint(48.9362, 2.3574)));
      assertThat(hits).extracting(GeoCommune::code).containsExactly("93066");
      c.communes(CommuneQuery.byName("Saint Denis").inDepartement("93").limit(3));
      c.communes(CommuneQuery.byFormerCode("93059"));
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/communes"))
            .withQueryParam(
                "lat", com.github.tomakehurst.wiremock.client.WireMock.equalTo("48.9362"))
            .withQueryParam(
                "lon", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2.3574")));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/communes"))
            .withQueryParam(
                "nom", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Saint Denis"))
            .withQueryParam(
                "codeDepartement", com.github.tomakehurst.wiremock.client.WireMock.equalTo("93"))
            .withQueryParam("limit", com.github.tomakehurst.wiremock.client.WireMock.equalTo("3")));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/communes"))
            .withQueryParam(
                "ancienCode", com.github.tomakehurst.wiremock.client.WireMock.equalTo("93059")));
  }

  @Test
  void departementsRegionsEpci_parse() {
    wm.stubFor(
        get(urlPathEqualTo("/departements"))
            .willReturn(
                okJson("[{\"nom\":\"Corse-du-Sud\",\"code\":\"2A\",\"codeRegion\":\"94\"}]")));
    wm.stubFor(
        get(urlPathEqualTo("/regions"))
            .willReturn(okJson("[{\"nom\":\"Corse\",\"code\":\"94\"}]")));
    wm.stubFor(
        get(urlPathEqualTo("/epcis/200057867"))
            .willReturn(
                okJson(
                    "{\"nom\":\"Plaine Commune\",\"code\":\"200057867\","
                        + "\"codesDepartements\":[\"93\"],\"codesRegions\":[\"11\"],\"population\":450000}")));
    wm.stubFor(
        get(urlPathEqualTo("/epcis/200057867/communes"))
            .willReturn(okJson("[" + SAINT_DENIS + "]")));
    try (ApiGeoClient c = builder().build()) {
      assertThat(c.departements())
          .containsExactly(new GeoDepartement("2A", "Corse-du-Sud", java.util.Optional.of("94")));
      assertThat(c.regions()).containsExactly(new GeoRegion("94", "Corse"));
      assertThat(c.epci("200057867").orElseThrow().population()).hasValue(450000);
      assertThat(c.epciCommunes("200057867")).hasSize(1);
    }
  }

  @Test
  void commune_when429WithRetryAfter_throwsAndPausesCallsUntilTheDelayHasPassed() {
    wm.stubFor(
        get(urlPathEqualTo("/communes/93066"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
    TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
    try (ApiGeoClient c = builder().clock(clock).build()) {
      assertThatThrownBy(() -> c.commune("93066"))
          .isInstanceOfSatisfying(
              RateLimitedException.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(5)));
      // Within the delay: refused locally, the peer is not called again.
      clock.advance(Duration.ofSeconds(3));
      assertThatThrownBy(() -> c.commune("93066"))
          .isInstanceOfSatisfying(
              ClientRateLimitedException.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
      wm.verify(1, getRequestedFor(urlPathEqualTo("/communes/93066")));
      // After the delay the peer is called again.
      wm.stubFor(get(urlPathEqualTo("/communes/93066")).willReturn(okJson(SAINT_DENIS)));
      clock.advance(Duration.ofSeconds(3));
      assertThat(c.commune("93066")).isPresent();
    }
  }

  @Test
  void commune_when429ThenSuccess_retriesAfterRetryAfter() {
    wm.stubFor(
        get(urlPathEqualTo("/communes/93066"))
            .inScenario("rl")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    wm.stubFor(
        get(urlPathEqualTo("/communes/93066"))
            .inScenario("rl")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(SAINT_DENIS)));
    try (ApiGeoClient c =
        builder()
            .httpTransport(
                http ->
                    http.maxRetries(2).retryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)))
            .build()) {
      assertThat(c.commune("93066")).isPresent();
    }
    wm.verify(2, getRequestedFor(urlPathEqualTo("/communes/93066")));
  }

  @Test
  void commune_whenPeerKeepsFailing_breakerOpensAndStopsCalling() {
    wm.stubFor(get(urlPathEqualTo("/communes/93066")).willReturn(aResponse().withStatus(500)));
    try (ApiGeoClient c =
        builder()
            .httpTransport(
                http ->
                    http.maxRetries(0)
                        .circuitBreaker(new CircuitBreakerPolicy(3, 100, Duration.ofMinutes(1))))
            .build()) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> c.commune("93066"))
            .isInstanceOfSatisfying(
                SocleServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
      }
      assertThatThrownBy(() -> c.commune("93066")).isInstanceOf(CircuitOpenException.class);
    }
    wm.verify(3, getRequestedFor(urlPathEqualTo("/communes/93066")));
  }

  @Test
  void commune_whenGarbageOrWrongShape_isServiceError() {
    wm.stubFor(
        get(urlPathEqualTo("/communes/93066"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"nom\": \"Saint-")));
    wm.stubFor(get(urlPathEqualTo("/communes/75056")).willReturn(okJson("[1,2]")));
    wm.stubFor(get(urlPathEqualTo("/communes/01001")).willReturn(okJson("{\"nom\":\"x\"}")));
    try (ApiGeoClient c = builder().build()) {
      assertThatThrownBy(() -> c.commune("93066"))
          .isInstanceOfSatisfying(
              SocleServiceException.class,
              e -> assertThat(e.errorCode()).contains("malformed_response"));
      assertThatThrownBy(() -> c.commune("75056")).isInstanceOf(SocleServiceException.class);
      assertThatThrownBy(() -> c.commune("01001")).isInstanceOf(SocleServiceException.class);
    }
  }

  @Test
  void communes_whenBodyOversized_failsWithoutReadingIt() {
    wm.stubFor(
        get(urlPathEqualTo("/communes"))
            .willReturn(okJson("[" + (SAINT_DENIS + ",").repeat(200) + SAINT_DENIS + "]")));
    try (ApiGeoClient c =
        builder().httpTransport(http -> http.maxRetries(0).maxResponseBytes(10_000)).build()) {
      assertThatThrownBy(() -> c.communes(CommuneQuery.byPostalCode("93380")))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("larger than the limit");
    }
  }

  @Test
  void commune_whenPeerTooSlow_timesOut() {
    wm.stubFor(
        get(urlPathEqualTo("/communes/93066"))
            .willReturn(okJson(SAINT_DENIS).withFixedDelay(2_000)));
    try (ApiGeoClient c =
        builder()
            .httpTransport(
                http ->
                    http.maxRetries(0)
                        .connectTimeout(Duration.ofSeconds(1))
                        .responseTimeout(Duration.ofMillis(300)))
            .build()) {
      assertThatThrownBy(() -> c.commune("93066")).isInstanceOf(SocleTimeoutException.class);
    }
  }

  @Test
  void commune_withCache_callsThePeerOnceUntilTheTtlExpires() {
    wm.stubFor(get(urlPathEqualTo("/communes/93066")).willReturn(okJson(SAINT_DENIS)));
    TestClock clock = TestClock.at(Instant.parse("2026-11-29T10:00:00Z"));
    try (ApiGeoClient c =
        builder().cache(ResponseCache.inMemory(100, clock), Duration.ofMinutes(10)).build()) {
      assertThat(c.commune("93066")).isPresent();
      assertThat(c.commune("93066")).isPresent();
      wm.verify(1, getRequestedFor(urlPathEqualTo("/communes/93066")));
      clock.advance(Duration.ofMinutes(11));
      assertThat(c.commune("93066")).isPresent();
      wm.verify(2, getRequestedFor(urlPathEqualTo("/communes/93066")));
    }
  }
}
