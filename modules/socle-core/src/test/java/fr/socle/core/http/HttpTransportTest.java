package fr.socle.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import fr.socle.core.CircuitOpenException;
import fr.socle.core.ClientRateLimitedException;
import fr.socle.core.InvalidInputException;
import fr.socle.core.RateLimitedException;
import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpTransportTest {

  @RegisterExtension
  static WireMockExtension peer =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private HttpTransport http =
      HttpTransport.builder()
          .applicationName("mairie-test/1.0")
          .retryBackoff(Duration.ofMillis(10), Duration.ofSeconds(2))
          .build();

  @AfterEach
  void close() {
    http.close();
  }

  private URI uri(String path) {
    return URI.create(peer.baseUrl() + path);
  }

  @Test
  void execute_get_returnsStatusHeadersAndBody_andSendsTheUserAgent() {
    peer.stubFor(
        get("/communes")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=UTF-8")
                    .withHeader("X-Request-Id", "req-42")
                    .withBody("[{\"nom\":\"Évry\"}]")));

    HttpResponse response = http.execute(HttpRequest.get(uri("/communes")).build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.isSuccessful()).isTrue();
    assertThat(response.bodyAsString()).isEqualTo("[{\"nom\":\"Évry\"}]");
    assertThat(response.mediaType()).contains("application/json");
    assertThat(response.header("x-request-id")).contains("req-42");
    assertThat(response.correlationId()).contains("req-42");
    peer.verify(
        getRequestedFor(urlEqualTo("/communes"))
            .withHeader("User-Agent", matching("socle-java/\\S+ mairie-test/1\\.0")));
  }

  @Test
  void execute_whenThePeerIsSlowerThanTheResponseTimeout_throwsTimeoutAndDoesNotRetry() {
    peer.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(2000)));

    assertThatThrownBy(
            () ->
                http.execute(
                    HttpRequest.get(uri("/slow")).responseTimeout(Duration.ofMillis(200)).build()))
        .isInstanceOf(SocleTimeoutException.class)
        .hasMessageContaining("/slow");
    peer.verify(1, getRequestedFor(urlEqualTo("/slow")));
  }

  @Test
  void execute_when429WithRetryAfter_retriesAfterTheDelayAndSucceeds() {
    peer.stubFor(
        get("/limited")
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("open"));
    peer.stubFor(
        get("/limited")
            .inScenario("429")
            .whenScenarioStateIs("open")
            .willReturn(aResponse().withStatus(200).withBody("ok")));

    HttpResponse response = http.execute(HttpRequest.get(uri("/limited")).build());

    assertThat(response.bodyAsString()).isEqualTo("ok");
    peer.verify(2, getRequestedFor(urlEqualTo("/limited")));
  }

  @Test
  void execute_whenRetryAfterIsLongerThanTheCap_failsAtOnceWithTheDelay() {
    peer.stubFor(
        get("/banned")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "120")
                    .withHeader("X-Request-Id", "r-9")));

    assertThatThrownBy(() -> http.execute(HttpRequest.get(uri("/banned")).build()))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.correlationId()).contains("r-9");
            });
    peer.verify(1, getRequestedFor(urlEqualTo("/banned")));
  }

  @Test
  void execute_when503Then200_retriesAndSucceeds() {
    peer.stubFor(
        get("/flaky")
            .inScenario("503")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    peer.stubFor(
        get("/flaky")
            .inScenario("503")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200).withBody("up")));

    assertThat(http.execute(HttpRequest.get(uri("/flaky")).build()).bodyAsString()).isEqualTo("up");
    peer.verify(2, getRequestedFor(urlEqualTo("/flaky")));
  }

  @Test
  void execute_when503Persists_givesUpAfterMaxRetriesAndReturnsTheError() {
    peer.stubFor(get("/down").willReturn(aResponse().withStatus(503)));

    HttpResponse response = http.execute(HttpRequest.get(uri("/down")).build());

    assertThat(response.status()).isEqualTo(503);
    peer.verify(3, getRequestedFor(urlEqualTo("/down")));
    assertThatThrownBy(() -> response.requireSuccess("commune lookup"))
        .isInstanceOf(SocleServiceException.class)
        .hasMessageContaining("commune lookup failed (HTTP 503");
  }

  @Test
  void execute_nonIdempotentPost_isNeverRetried() {
    peer.stubFor(post("/payments").willReturn(aResponse().withStatus(503)));

    HttpResponse response =
        http.execute(HttpRequest.post(uri("/payments")).body("{}", "application/json").build());

    assertThat(response.status()).isEqualTo(503);
    peer.verify(1, postRequestedFor(urlEqualTo("/payments")));
  }

  @Test
  void execute_nonIdempotentPost_isNotRetriedAfterAConnectionReset() {
    peer.stubFor(
        post("/payments").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(
            () ->
                http.execute(
                    HttpRequest.post(uri("/payments")).body("{}", "application/json").build()))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("I/O error");
    peer.verify(1, postRequestedFor(urlEqualTo("/payments")));
  }

  @Test
  void execute_postMarkedIdempotent_isRetried() {
    peer.stubFor(post("/lookup").willReturn(aResponse().withStatus(503)));

    http.execute(
        HttpRequest.post(uri("/lookup")).body("<q/>", "text/xml").idempotent(true).build());

    peer.verify(3, postRequestedFor(urlEqualTo("/lookup")));
  }

  @Test
  void execute_whenTheBodyIsLargerThanTheCap_refusesIt() {
    peer.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody(new byte[4096])));

    assertThatThrownBy(
            () -> http.execute(HttpRequest.get(uri("/big")).maxResponseBytes(1024).build()))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("larger than the limit of 1024 bytes");
  }

  @Test
  void execute_whenAChunkedBodyGrowsPastTheCap_refusesIt() {
    peer.stubFor(
        get("/chunked")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(new byte[64 * 1024])
                    .withChunkedDribbleDelay(8, 50)));

    assertThatThrownBy(
            () -> http.execute(HttpRequest.get(uri("/chunked")).maxResponseBytes(1000).build()))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("larger than the limit");
  }

  @Test
  void execute_whenAGzipBodyInflatesPastTheCap_refusesIt() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      gz.write(new byte[20 * 1024 * 1024]);
    }
    peer.stubFor(
        get("/bomb")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(compressed.toByteArray())));

    assertThatThrownBy(
            () -> http.execute(HttpRequest.get(uri("/bomb")).maxResponseBytes(1024 * 1024).build()))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("larger than the limit");
  }

  @Test
  void execute_whenThePeerAnswersGarbage_failsTyped() {
    peer.stubFor(get("/garbage").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    assertThatThrownBy(() -> http.execute(HttpRequest.get(uri("/garbage")).build()))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void execute_whenTheCircuitBreakerOpens_stopsCallingThePeer() {
    peer.stubFor(get("/failing").willReturn(aResponse().withStatus(500)));
    try (HttpTransport guarded =
        HttpTransport.builder()
            .maxRetries(0)
            .circuitBreaker(new CircuitBreakerPolicy(2, 50f, Duration.ofMinutes(1)))
            .build()) {
      assertThat(guarded.execute(HttpRequest.get(uri("/failing")).build()).status()).isEqualTo(500);
      assertThat(guarded.execute(HttpRequest.get(uri("/failing")).build()).status()).isEqualTo(500);

      assertThatThrownBy(() -> guarded.execute(HttpRequest.get(uri("/failing")).build()))
          .isInstanceOf(CircuitOpenException.class)
          .hasMessageContaining("localhost");
      peer.verify(2, getRequestedFor(urlEqualTo("/failing")));
    }
  }

  @Test
  void execute_beyondTheClientSideRateLimit_failsWithoutCallingThePeer() {
    peer.stubFor(get("/geo").willReturn(aResponse().withStatus(200)));
    try (HttpTransport limited =
        HttpTransport.builder()
            .rateLimit(new RateLimitPolicy(1, Duration.ofMinutes(1), Duration.ZERO))
            .build()) {
      limited.execute(HttpRequest.get(uri("/geo")).build());

      assertThatThrownBy(() -> limited.execute(HttpRequest.get(uri("/geo")).build()))
          .isInstanceOf(ClientRateLimitedException.class)
          .isNotInstanceOf(SocleServiceException.class)
          .hasMessageContaining("not called");
      peer.verify(1, getRequestedFor(urlEqualTo("/geo")));
    }
  }

  @Test
  void execute_whenThePeerIsNotListening_failsTyped() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HttpTransport transport = HttpTransport.builder().maxRetries(0).build()) {
      assertThatThrownBy(
              () ->
                  transport.execute(
                      HttpRequest.get(URI.create("http://127.0.0.1:" + closedPort + "/x")).build()))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("127.0.0.1:" + closedPort + "/x");
    }
  }

  @Test
  void form_encodesFieldsForOAuthEndpoints() {
    peer.stubFor(
        post("/token")
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
            .withRequestBody(equalTo("grant_type=authorization_code&code=a+b%26c"))
            .willReturn(aResponse().withStatus(200).withBody("{}")));

    HttpResponse response =
        http.execute(
            HttpRequest.post(uri("/token"))
                .form(
                    new java.util.LinkedHashMap<>(Map.of("grant_type", "authorization_code")) {
                      {
                        put("code", "a b&c");
                      }
                    })
                .build());

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void request_refusesHeaderInjectionAndRelativeUris() {
    assertThatThrownBy(() -> HttpRequest.get(uri("/x")).header("X-A", "v\r\nX-B: injected"))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> HttpRequest.get(URI.create("/relative")))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> HttpRequest.get(URI.create("file:///etc/passwd")))
        .isInstanceOf(SocleClientException.class);
    assertThat(HttpRequest.get(URI.create("https://h/cb?code=secret")).build().toString())
        .doesNotContain("secret");
  }

  @Test
  void builder_refusesNonsenseSettings() {
    assertThatThrownBy(() -> HttpTransport.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> HttpTransport.builder().maxResponseBytes(-1))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> HttpTransport.builder().maxRetries(-1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> HttpTransport.builder().deadline(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("deadline");
    assertThatThrownBy(() -> HttpTransport.builder().proxy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("proxy");
    assertThat(http.toBuilder().build().connectTimeout())
        .isEqualTo(HttpTransport.DEFAULT_CONNECT_TIMEOUT);
  }
}
