package fr.socle.refdata.geocoding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.InvalidInputException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.refdata.client.GeoPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeocodingClientTest {
  static final FakeBatchGeocoder fake = new FakeBatchGeocoder();

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(fake))
          .build();

  // GeoCodeJSON as /search answers it, with Géoplateforme extras (_type, banId) to tolerate.
  static final String SEARCH =
      """
      {"type":"FeatureCollection","version":"draft","attribution":"BAN","licence":"ETALAB-2.0",
       "query":"8 bd du port amiens","limit":1,"filters":{},"center":null,
       "features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2.290084,49.897443]},
        "properties":{"label":"8 Boulevard du Port 80000 Amiens","score":0.49159121588068583,
         "housenumber":"8","id":"80021_6590_00008","banId":"6a7c4b36-0c8a-4d59-9e3c-3a4a3a6c4a4a",
         "_type":"address","name":"8 Boulevard du Port","postcode":"80000","citycode":"80021",
         "x":648952.58,"y":6977867.25,"city":"Amiens","context":"80, Somme, Hauts-de-France",
         "type":"housenumber","importance":0.6706612694243868,"street":"Boulevard du Port"}}]}
      """;

  @BeforeEach
  void reset() {
    fake.seen.clear();
    fake.maxInFlight.set(0);
    fake.uploads.set(0);
    fake.dropFirstTimeEvery = 0;
    fake.alwaysDrop = Set.of();
    fake.semicolon = false;
  }

  private GeocodingClient.Builder builder() {
    return GeocodingClient.builder()
        .baseUrl(wm.baseUrl())
        .httpTransport(http -> http.maxRetries(0));
  }

  @Test
  void builder_defaultsToTheGeoplateformeNotTheRetiredHost() {
    assertThat(GeocodingClient.DEFAULT_BASE_URL).isEqualTo("https://data.geopf.fr/geocodage");
    assertThat(GeocodingClient.DEFAULT_RATE_LIMIT.permits()).isEqualTo(50);
    assertThat(GeocodingClient.DEFAULT_COMPLETION_RATE_LIMIT.permits()).isEqualTo(10);
  }

  @Test
  void search_parsesGeoCodeJsonAndSendsFilters() {
    wm.stubFor(get(urlPathEqualTo("/search")).willReturn(okJson(SEARCH)));
    try (GeocodingClient c = builder().build()) {
      List<GeocodedAddress> hits =
          c.search(
              AddressQuery.of("8 bd du port amiens")
                  .limit(1)
                  .postcode("80000")
                  .type(AddressType.HOUSENUMBER)
                  .autocomplete(true));
      GeocodedAddress a = hits.get(0);
      assertThat(a.label()).isEqualTo("8 Boulevard du Port 80000 Amiens");
      assertThat(a.position()).isEqualTo(new GeoPoint(49.897443, 2.290084));
      assertThat(a.type()).contains(AddressType.HOUSENUMBER);
      assertThat(a.citycode()).contains("80021");
      assertThat(a.id()).contains("80021_6590_00008");
      assertThat(a.toString()).doesNotContain("Boulevard");
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/search"))
            .withQueryParam("q", equalTo("8 bd du port amiens"))
            .withQueryParam("limit", equalTo("1"))
            .withQueryParam("postcode", equalTo("80000"))
            .withQueryParam("type", equalTo("housenumber"))
            .withQueryParam("autocomplete", equalTo("1")));
  }

  @Test
  void search_whenFeatureHasNoPoint_isServiceError() {
    wm.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                okJson("{\"features\":[{\"properties\":{\"label\":\"x\"},\"geometry\":null}]}")));
    try (GeocodingClient c = builder().build()) {
      assertThatThrownBy(() -> c.search(AddressQuery.of("abc")))
          .isInstanceOf(SocleServiceException.class);
    }
  }

  @Test
  void query_whenInvalid_isRefusedLocally() {
    assertThatThrownBy(() -> AddressQuery.of("ab")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AddressQuery.of("abc").limit(51))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AddressQuery.of("abc").postcode("8000"))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void reverse_sendsLatLon() {
    wm.stubFor(get(urlPathEqualTo("/reverse")).willReturn(okJson(SEARCH)));
    try (GeocodingClient c = builder().build()) {
      assertThat(c.reverse(new GeoPoint(49.8974, 2.29), 1, Optional.of(AddressType.HOUSENUMBER)))
          .hasSize(1);
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/reverse"))
            .withQueryParam("lat", equalTo("49.8974"))
            .withQueryParam("lon", equalTo("2.29"))
            .withQueryParam("type", equalTo("housenumber")));
  }

  @Test
  void completion_parsesResults_andHasItsOwnLimiter() {
    wm.stubFor(
        get(urlPathEqualTo("/completion/"))
            .willReturn(
                okJson(
                    "{\"status\":\"OK\",\"results\":[{\"country\":\"StreetAddress\","
                        + "\"city\":\"Amiens\",\"x\":2.29,\"y\":49.89,\"zipcode\":\"80000\","
                        + "\"street\":\"Boulevard du Port\",\"kind\":\"\",\"fulltext\":"
                        + "\"8 Boulevard du Port, 80000 Amiens\",\"metropole\":true,\"classification\":7}]}")));
    wm.stubFor(get(urlPathEqualTo("/search")).willReturn(okJson(SEARCH)));
    try (GeocodingClient c =
        builder()
            .completionRateLimit(new RateLimitPolicy(1, Duration.ofMinutes(1), Duration.ZERO))
            .build()) {
      AddressSuggestion s = c.completion("8 bd du port", 5).get(0);
      assertThat(s.fulltext()).isEqualTo("8 Boulevard du Port, 80000 Amiens");
      assertThat(s.position()).contains(new GeoPoint(49.89, 2.29));
      assertThat(s.kind()).contains("StreetAddress");
      assertThatThrownBy(() -> c.completion("8 bd du port", 5))
          .isInstanceOf(ClientRateLimitedException.class);
      // Search has its own limiter and still goes through.
      assertThat(c.search(AddressQuery.of("8 bd du port"))).hasSize(1);
    }
    wm.verify(1, getRequestedFor(urlPathEqualTo("/completion/")));
  }

  @Test
  void search_when429_honoursRetryAfterOnTheNextCall() {
    wm.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
    try (GeocodingClient c = builder().build()) {
      assertThatThrownBy(() -> c.search(AddressQuery.of("abc")))
          .isInstanceOf(RateLimitedException.class);
      assertThatThrownBy(() -> c.search(AddressQuery.of("abc")))
          .isInstanceOf(ClientRateLimitedException.class)
          .hasMessageContaining("not called");
    }
    wm.verify(1, getRequestedFor(urlPathEqualTo("/search")));
  }

  private static List<List<String>> rows(int n) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String address =
          i % 11 == 5 ? "" : i % 13 == 7 ? "nowhere street" : i + " bd du port, \"quai\"";
      rows.add(List.of("r" + i, address, "80000"));
    }
    return rows;
  }

  private static BatchGeocodingRequest job(int n) {
    return BatchGeocodingRequest.of(List.of("ref", "adresse", "cp"), rows(n), List.of("adresse"))
        .postcodeColumn("cp");
  }

  @Test
  void geocodeCsv_chunksAtMostTwoAtOnceAndKeepsRowsInOrder() {
    wm.stubFor(
        post(urlPathEqualTo("/search/csv"))
            .willReturn(aResponse().withTransformers(FakeBatchGeocoder.NAME)));
    try (GeocodingClient c = builder().build()) {
      BatchGeocodingResult r = c.geocodeCsv(job(230).chunkSize(20));
      assertThat(r.rows()).hasSize(230);
      for (int i = 0; i < 230; i++) {
        BatchRow row = r.rows().get(i);
        assertThat(row.index()).isEqualTo(i);
        assertThat(row.input().get(0)).isEqualTo("r" + i);
      }
      assertThat(r.rows().get(0).status()).isEqualTo(BatchStatus.OK);
      assertThat(r.rows().get(0).result().orElseThrow().label())
          .isEqualTo("0 BD DU PORT, \"QUAI\" 80000 Amiens");
      assertThat(r.rows().get(5).status()).isEqualTo(BatchStatus.SKIPPED);
      assertThat(r.rows().get(7).status()).isEqualTo(BatchStatus.NOT_FOUND);
      assertThat(r.resubmittedRows()).isZero();
    }
    assertThat(fake.uploads.get()).isEqualTo(12);
    assertThat(fake.maxInFlight.get()).isBetween(1, 2);
    wm.verify(
        postRequestedFor(urlPathEqualTo("/search/csv")).withQueryParam("postcode", equalTo("cp")));
  }

  @Test
  void geocodeCsv_whenAnswersLackRows_resubmitsThem() {
    wm.stubFor(
        post(urlPathEqualTo("/search/csv"))
            .willReturn(aResponse().withTransformers(FakeBatchGeocoder.NAME)));
    fake.dropFirstTimeEvery = 3;
    fake.semicolon = true;
    try (GeocodingClient c = builder().build()) {
      BatchGeocodingResult r = c.geocodeCsv(job(100).chunkSize(30));
      assertThat(r.rows()).hasSize(100);
      assertThat(r.count(BatchStatus.MISSING)).isZero();
      assertThat(r.resubmittedRows()).isEqualTo(34);
      assertThat(r.rows().get(3).status()).isEqualTo(BatchStatus.OK);
    }
  }

  @Test
  void geocodeCsv_whenRowsNeverComeBack_marksThemMissingAfterTheLastAttempt() {
    wm.stubFor(
        post(urlPathEqualTo("/search/csv"))
            .willReturn(aResponse().withTransformers(FakeBatchGeocoder.NAME)));
    fake.alwaysDrop = Set.of("4", "42");
    try (GeocodingClient c = builder().build()) {
      BatchGeocodingResult r = c.geocodeCsv(job(50).maxAttempts(3));
      assertThat(r.rows()).hasSize(50);
      assertThat(r.count(BatchStatus.MISSING)).isEqualTo(2);
      assertThat(r.rows().get(42).status()).isEqualTo(BatchStatus.MISSING);
      assertThat(r.resubmittedRows()).isEqualTo(4);
    }
    assertThat(fake.uploads.get()).isEqualTo(3);
  }

  @Test
  void geocodeCsv_whenAnswerHoldsARowNotSent_distrustsTheChunk() {
    wm.stubFor(
        post(urlPathEqualTo("/search/csv"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "ref,adresse,cp,socle_row_id,latitude,longitude,result_label,result_status\r\n"
                            + "x,y,80000,999,49.8,2.29,Somewhere,ok\r\n")));
    try (GeocodingClient c = builder().build()) {
      assertThatThrownBy(() -> c.geocodeCsv(job(3).maxAttempts(2)))
          .isInstanceOfSatisfying(
              SocleServiceException.class,
              e -> assertThat(e.errorCode()).contains("malformed_response"));
    }
    wm.verify(2, postRequestedFor(urlPathEqualTo("/search/csv")));
  }

  @Test
  void geocodeCsv_whenPeerFailsOnEveryAttempt_throws() {
    wm.stubFor(post(urlPathEqualTo("/search/csv")).willReturn(aResponse().withStatus(502)));
    try (GeocodingClient c = builder().build()) {
      assertThatThrownBy(() -> c.geocodeCsv(job(10).maxAttempts(2)))
          .isInstanceOfSatisfying(
              SocleServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
    }
  }

  @Test
  void batchRequest_whenRaggedRowsOrUnknownColumns_isRefused() {
    assertThatThrownBy(
            () -> BatchGeocodingRequest.of(List.of("a", "b"), List.of(List.of("1")), List.of("a")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> BatchGeocodingRequest.of(List.of("a"), List.of(List.of("1")), List.of("z")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                BatchGeocodingRequest.of(
                    List.of("socle_row_id"), List.of(List.of("1")), List.of("socle_row_id")))
        .isInstanceOf(InvalidInputException.class);
  }
}
