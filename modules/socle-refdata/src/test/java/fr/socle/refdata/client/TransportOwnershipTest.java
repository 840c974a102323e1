package fr.socle.refdata.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.CircuitBreakerPolicy;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.RateLimitPolicy;
import fr.socle.refdata.entreprises.EntrepriseQuery;
import fr.socle.refdata.entreprises.RechercheEntreprisesClient;
import fr.socle.refdata.geo.ApiGeoClient;
import fr.socle.refdata.geocoding.AddressQuery;
import fr.socle.refdata.geocoding.GeocodingClient;
import fr.socle.refdata.sirene.SireneClient;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one HTTP configuration model on every reference API client: a shared transport stays the
 * caller's, an owned one is closed with the client, both at once are refused, and the customiser
 * starts from the client's preset (the peer's published rate limit included).
 */
class TransportOwnershipTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** One client under test: how to start its builder, and one call that reaches the peer. */
  interface Subject {
    ApiClientBuilder<?> builder();

    void call(AutoCloseable client);

    AutoCloseable build(ApiClientBuilder<?> builder);
  }

  static Subject geo() {
    return subject(
        ApiGeoClient::builder,
        b -> ((ApiGeoClient.Builder) b).build(),
        c -> ((ApiGeoClient) c).commune("93066"));
  }

  static Subject geocoding() {
    return subject(
        GeocodingClient::builder,
        b -> ((GeocodingClient.Builder) b).build(),
        c -> ((GeocodingClient) c).search(AddressQuery.of("8 bd du port amiens")));
  }

  static Subject entreprises() {
    return subject(
        RechercheEntreprisesClient::builder,
        b -> ((RechercheEntreprisesClient.Builder) b).build(),
        c -> ((RechercheEntreprisesClient) c).search(EntrepriseQuery.text("boulangerie")));
  }

  static Subject sirene() {
    return subject(
        () -> SireneClient.builder().apiKey(Secret.of("cle-integration")),
        b -> ((SireneClient.Builder) b).build(),
        c -> ((SireneClient) c).uniteLegale("552100554"));
  }

  static Stream<Arguments> clients() {
    return Stream.of(
        Arguments.of("ApiGeoClient", geo(), ApiGeoClient.transportPreset()),
        Arguments.of("GeocodingClient", geocoding(), GeocodingClient.transportPreset()),
        Arguments.of(
            "RechercheEntreprisesClient",
            entreprises(),
            RechercheEntreprisesClient.transportPreset()),
        Arguments.of("SireneClient", sirene(), SireneClient.transportPreset()));
  }

  private static Subject subject(
      Supplier<ApiClientBuilder<?>> start,
      java.util.function.Function<ApiClientBuilder<?>, AutoCloseable> build,
      Consumer<AutoCloseable> call) {
    return new Subject() {
      @Override
      public ApiClientBuilder<?> builder() {
        return start.get().baseUrl(wm.baseUrl());
      }

      @Override
      public void call(AutoCloseable client) {
        call.accept(client);
      }

      @Override
      public AutoCloseable build(ApiClientBuilder<?> builder) {
        return build.apply(builder);
      }
    };
  }

  @BeforeEach
  void peerFails() {
    // Every call reaches the peer and fails as a service error: enough to tell "the peer was
    // called" from "the transport is closed".
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void sharedTransport_isUsedAndNeverClosedByTheClient(
      String name, Subject s, HttpTransport.Builder preset) throws Exception {
    try (HttpTransport shared = HttpTransport.builder().maxRetries(0).build()) {
      AutoCloseable client = s.build(s.builder().httpTransport(shared));
      assertThatThrownBy(() -> s.call(client)).isInstanceOf(SocleServiceException.class);
      client.close();

      assertThat(shared.execute(HttpRequest.get(URI.create(wm.baseUrl() + "/x")).build()).status())
          .isEqualTo(500);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void ownTransport_isClosedWithTheClient(String name, Subject s, HttpTransport.Builder preset)
      throws Exception {
    AutoCloseable client = s.build(s.builder().httpTransport(http -> http.maxRetries(0)));
    assertThatThrownBy(() -> s.call(client)).isInstanceOf(SocleServiceException.class);

    client.close();

    assertThatThrownBy(() -> s.call(client))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("closed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void sharedAndCustomised_isAnInvalidInputAtBuild(
      String name, Subject s, HttpTransport.Builder preset) {
    try (HttpTransport shared = HttpTransport.create()) {
      assertThatThrownBy(() -> s.build(s.builder().httpTransport(shared).httpTransport(http -> {})))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("httpTransport");
      assertThatThrownBy(() -> s.build(s.builder().httpTransport(http -> {}).httpTransport(shared)))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void customiser_startsFromTheClientsPreset(String name, Subject s, HttpTransport.Builder preset)
      throws Exception {
    // The geocoder calls the customiser once per transport (its completion endpoint has its own
    // limit, applied afterwards): the first builder is the main one.
    AtomicReference<HttpTransport.Builder> seen = new AtomicReference<>();
    try (AutoCloseable client =
            s.build(s.builder().httpTransport(b -> seen.compareAndSet(null, b)));
        HttpTransport given = seen.get().build();
        HttpTransport expected = preset.build()) {
      assertThat(given.deadline()).isEqualTo(HttpPreset.DEFAULT.deadline());
      assertThat(given.rateLimit()).isEqualTo(expected.rateLimit()).isPresent();
      assertThat(given.circuitBreaker()).isEqualTo(expected.circuitBreaker()).isPresent();
      assertThat(given.maxRetries()).isEqualTo(expected.maxRetries());
    }
  }

  @Test
  void presets_carryEachPeersPublishedLimit() {
    try (HttpTransport geo = ApiGeoClient.transportPreset().build();
        HttpTransport sirene = SireneClient.transportPreset().build();
        HttpTransport entreprises = RechercheEntreprisesClient.transportPreset().build()) {
      assertThat(geo.rateLimit()).contains(RateLimitPolicy.perSecond(10));
      assertThat(sirene.rateLimit()).contains(SireneClient.DEFAULT_RATE_LIMIT);
      assertThat(entreprises.rateLimit()).contains(RechercheEntreprisesClient.DEFAULT_RATE_LIMIT);
      assertThat(entreprises.circuitBreaker())
          .contains(RechercheEntreprisesClient.DEFAULT_CIRCUIT_BREAKER);
      assertThat(entreprises.maxRetries()).isEqualTo(1);
      assertThat(geo.circuitBreaker()).contains(CircuitBreakerPolicy.defaults());
    }
  }

  @Test
  void geocoding_completionLimitWithASharedTransport_isAnInvalidInput() {
    try (HttpTransport shared = HttpTransport.create()) {
      assertThatThrownBy(
              () ->
                  GeocodingClient.builder()
                      .httpTransport(shared)
                      .completionRateLimit(RateLimitPolicy.perSecond(1))
                      .build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("completionRateLimit");
    }
  }
}
