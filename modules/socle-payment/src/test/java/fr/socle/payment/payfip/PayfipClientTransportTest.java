package fr.socle.payment.payfip;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static fr.socle.payment.SoapFixtures.clientDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import fr.socle.core.InvalidInputException;
import fr.socle.core.SocleClientException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The one HTTP configuration model: shared transport or customised own transport, never both. */
class PayfipClientTransportTest {
  static final String PATH = "/tpa/services/securite";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private PayfipClient.Builder builder() {
    return PayfipClient.builder().baseUri(URI.create(wm.baseUrl()));
  }

  @Test
  void sharedTransport_isUsedAndNeverClosedByTheClient() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withBody(clientDetail("090909"))));
    wm.stubFor(get("/ping").willReturn(aResponse().withStatus(204)));
    try (HttpTransport shared = HttpTransport.create()) {
      try (PayfipClient c = builder().httpTransport(shared).build()) {
        assertThat(c.clientDetail("090909").numcli()).isEqualTo("090909");
      }
      assertThat(
              shared.execute(HttpRequest.get(URI.create(wm.baseUrl() + "/ping")).build()).status())
          .isEqualTo(204);
    }
  }

  @Test
  void ownTransport_isClosedWithTheClient() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withBody(clientDetail("090909"))));
    PayfipClient c = builder().httpTransport(http -> http.maxRetries(0)).build();
    assertThat(c.clientDetail("090909").numcli()).isEqualTo("090909");

    c.close();

    assertThatThrownBy(() -> c.clientDetail("090909"))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void sharedAndCustomised_isAnInvalidInputAtBuild_whateverTheOrder() {
    // Before the one model, transport(shared).maxRetries(0) built a client that silently kept the
    // shared transport's two retries. Asking for both is now refused.
    try (HttpTransport shared = HttpTransport.create()) {
      assertThatThrownBy(
              () ->
                  builder().httpTransport(shared).httpTransport(http -> http.maxRetries(0)).build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("httpTransport");
      assertThatThrownBy(
              () ->
                  builder().httpTransport(http -> http.maxRetries(0)).httpTransport(shared).build())
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void customiser_startsFromThePayfipPreset() {
    AtomicReference<HttpTransport.Builder> seen = new AtomicReference<>();
    try (PayfipClient c = builder().httpTransport(seen::set).build();
        HttpTransport preset = seen.get().build()) {
      assertThat(preset.deadline()).isEqualTo(HttpPreset.PAYFIP.deadline());
      assertThat(preset.responseTimeout()).isEqualTo(HttpPreset.PAYFIP.responseTimeout());
      assertThat(preset.maxResponseBytes()).isEqualTo(PayfipClient.DEFAULT_MAX_RESPONSE_BYTES);
    }
  }

  @Test
  void customisedRetries_apply() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withBody(clientDetail("090909"))));
    try (PayfipClient c = builder().httpTransport(http -> http.maxRetries(0)).build()) {
      assertThatThrownBy(() -> c.clientDetail("090909"))
          .isInstanceOf(PayfipInvalidResponseException.class)
          .hasMessageContaining("503");
    }
    wm.verify(exactly(1), postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void sharedTransport_withABiggerCap_stillCapsPayfipAnswers() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withBody("x".repeat((int) PayfipClient.DEFAULT_MAX_RESPONSE_BYTES + 1))));
    try (HttpTransport shared =
            HttpTransport.builder()
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(10))
                .build();
        PayfipClient c = builder().httpTransport(shared).build()) {
      assertThatThrownBy(() -> c.clientDetail("090909"))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("larger than the limit");
    }
  }
}
