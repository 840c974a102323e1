package fr.socle.onceonly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static fr.socle.onceonly.Fixtures.camille;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpTransport;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one HTTP configuration model on both once-only clients: a shared transport stays the
 * caller's, an owned one is closed with the client, both at once are refused at build(), and the
 * customiser starts from the client's preset.
 */
class TransportOwnershipTest {
  static final String RECIPIENT = "21350238800019";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** A client under test: its builder (base URL set) and one call reaching the peer. */
  record Subject(
      java.util.function.Supplier<OnceOnlyClientBuilder<?>> builder,
      Function<OnceOnlyClientBuilder<?>, AutoCloseable> build,
      Consumer<AutoCloseable> call) {}

  static Stream<Arguments> clients() {
    Subject particulier =
        new Subject(
            () ->
                ApiParticulierClient.builder()
                    .baseUrl(wm.baseUrl())
                    .token(Secret.of("particulier-token"))
                    .recipient(RECIPIENT),
            b -> ((ApiParticulierClient.Builder) b).build(),
            c -> ((ApiParticulierClient) c).quotientFamilial(Usager.parIdentite(camille())));
    Subject entreprise =
        new Subject(
            () ->
                ApiEntrepriseClient.builder()
                    .baseUrl(wm.baseUrl())
                    .token(Secret.of("entreprise-jwt-secret")),
            b -> ((ApiEntrepriseClient.Builder) b).build(),
            c ->
                ((ApiEntrepriseClient) c)
                    .uniteLegale(
                        "418166096",
                        new Traceability(RECIPIENT, "Marché 2026-014", "Candidature lot 2")));
    return Stream.of(
        Arguments.of("ApiParticulierClient", particulier, ApiParticulierClient.transportPreset()),
        Arguments.of("ApiEntrepriseClient", entreprise, ApiEntrepriseClient.transportPreset()));
  }

  @BeforeEach
  void peerFails() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void sharedTransport_isUsedAndNeverClosedByTheClient(
      String name, Subject s, HttpTransport.Builder preset) throws Exception {
    try (HttpTransport shared = HttpTransport.builder().maxRetries(0).build()) {
      AutoCloseable client = s.build().apply(s.builder().get().httpTransport(shared));
      assertThatThrownBy(() -> s.call().accept(client)).isInstanceOf(SocleServiceException.class);
      client.close();

      assertThat(shared.execute(HttpRequest.get(URI.create(wm.baseUrl() + "/x")).build()).status())
          .isEqualTo(500);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void ownTransport_isClosedWithTheClient(String name, Subject s, HttpTransport.Builder preset)
      throws Exception {
    AutoCloseable client =
        s.build().apply(s.builder().get().httpTransport(http -> http.applicationName("test/1.0")));
    assertThatThrownBy(() -> s.call().accept(client)).isInstanceOf(SocleServiceException.class);

    client.close();

    assertThatThrownBy(() -> s.call().accept(client))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("closed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void sharedAndCustomised_isAnInvalidInputAtBuild_whateverTheOrder(
      String name, Subject s, HttpTransport.Builder preset) {
    // Before, the later call silently won: a customiser given after a shared transport dropped it.
    try (HttpTransport shared = HttpTransport.create()) {
      assertThatThrownBy(
              () ->
                  s.build()
                      .apply(s.builder().get().httpTransport(shared).httpTransport(http -> {})))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("httpTransport");
      assertThatThrownBy(
              () ->
                  s.build()
                      .apply(s.builder().get().httpTransport(http -> {}).httpTransport(shared)))
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void customiser_startsFromTheClientsPreset(String name, Subject s, HttpTransport.Builder preset)
      throws Exception {
    AtomicReference<HttpTransport.Builder> seen = new AtomicReference<>();
    try (AutoCloseable client = s.build().apply(s.builder().get().httpTransport(seen::set));
        HttpTransport given = seen.get().build();
        HttpTransport expected = preset.build()) {
      assertThat(given.responseTimeout()).isEqualTo(HttpPreset.ONCE_ONLY.responseTimeout());
      assertThat(given.deadline()).isEqualTo(HttpPreset.ONCE_ONLY.deadline());
      assertThat(given.maxResponseBytes()).isEqualTo(2L * 1024 * 1024);
      assertThat(given.maxRetries()).isZero().isEqualTo(expected.maxRetries());
    }
  }
}
