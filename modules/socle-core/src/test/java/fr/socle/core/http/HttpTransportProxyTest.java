package fr.socle.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proxy settings: an explicit proxy (a WireMock that sees absolute URIs plays it), {@code direct()}
 * ignoring the JVM's proxy, and {@code system()} following it. HTTPS through a {@code CONNECT}
 * proxy is in {@link HttpTransportTlsTest}.
 */
class HttpTransportProxyTest {

  @RegisterExtension
  static WireMockExtension proxy =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension peer =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ProxySelector previous;

  @BeforeEach
  void rememberJvmProxy() {
    previous = ProxySelector.getDefault();
  }

  @AfterEach
  void restoreJvmProxy() {
    ProxySelector.setDefault(previous);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void jvmProxyIs(int port) {
    ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("localhost", port)));
  }

  @Test
  void explicitProxyWithCredentials_answersTheChallengeAndNeverShowsThePassword() {
    proxy.stubFor(
        any(anyUrl())
            .withHeader("Proxy-Authorization", absent())
            .willReturn(
                aResponse()
                    .withStatus(407)
                    .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
    proxy.stubFor(
        get(urlEqualTo("/hello"))
            .withHeader("Host", equalTo("upstream.invalid"))
            .withHeader("Proxy-Authorization", equalTo(basic("agent", "mot-de-passe")))
            .willReturn(aResponse().withStatus(200).withBody("via proxy")));
    ProxySettings settings =
        ProxySettings.http("localhost", proxy.getPort())
            .withCredentials("agent", Secret.of("mot-de-passe"));
    HttpTransport.Builder builder = HttpTransport.builder().proxy(settings);

    // What the logs get (slf4j-simple writes to System.err): never the password.
    java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    System.setErr(new java.io.PrintStream(logs, true, StandardCharsets.UTF_8));
    try (HttpTransport viaProxy = builder.build()) {
      HttpResponse response =
          viaProxy.execute(HttpRequest.get(URI.create("http://upstream.invalid/hello")).build());

      assertThat(response.bodyAsString()).isEqualTo("via proxy");
      assertThat(viaProxy.proxy()).isEqualTo(settings);
      assertThat(viaProxy.toString())
          .contains("localhost:" + proxy.getPort())
          .doesNotContain("mot-de-passe");
      try (HttpTransport copy = viaProxy.toBuilder().build()) {
        assertThat(copy.proxy()).isEqualTo(settings);
      }
    } finally {
      System.setErr(stderr);
    }
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .doesNotContain("mot-de-passe")
        .doesNotContain(basic("agent", "mot-de-passe").substring("Basic ".length()));
  }

  @Test
  void explicitProxy_winsOverTheJvmProxy() {
    jvmProxyIs(peer.getPort()); // the wrong way: the peer would answer 404 to an absolute URI
    proxy.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(200).withBody("mine")));

    try (HttpTransport http =
        HttpTransport.builder().proxy(ProxySettings.http("localhost", proxy.getPort())).build()) {
      assertThat(
              http.execute(HttpRequest.get(URI.create("http://upstream.invalid/x")).build())
                  .bodyAsString())
          .isEqualTo("mine");
    }
    peer.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void proxyCredentials_areNeverOfferedToThePeerItself() {
    // The "peer" asks for Basic authentication: the proxy's credentials must not answer it.
    proxy.stubFor(
        get(urlEqualTo("/private"))
            .willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"x\"")));

    try (HttpTransport http =
        HttpTransport.builder()
            .proxy(
                ProxySettings.http("localhost", proxy.getPort())
                    .withCredentials("agent", Secret.of("mot-de-passe")))
            .build()) {
      assertThat(
              http.execute(HttpRequest.get(URI.create("http://upstream.invalid/private")).build())
                  .status())
          .isEqualTo(401);
    }
    proxy.verify(1, getRequestedFor(urlEqualTo("/private")).withHeader("Authorization", absent()));
  }

  @Test
  void direct_ignoresTheJvmProxy() {
    jvmProxyIs(proxy.getPort());
    peer.stubFor(get("/direct").willReturn(aResponse().withStatus(200).withBody("direct")));

    try (HttpTransport http = HttpTransport.builder().proxy(ProxySettings.direct()).build()) {
      assertThat(
              http.execute(HttpRequest.get(URI.create(peer.baseUrl() + "/direct")).build())
                  .bodyAsString())
          .isEqualTo("direct");
    }
    proxy.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void direct_ignoresTheJvmProxyProperties_whichSystemFollows() {
    // The JDK's default ProxySelector reads http.proxyHost/http.proxyPort at each connection.
    proxy.stubFor(
        get(urlEqualTo("/props"))
            .withHeader("Host", equalTo("upstream.invalid"))
            .willReturn(aResponse().withStatus(200).withBody("via jvm properties")));
    String host = System.getProperty("http.proxyHost");
    String port = System.getProperty("http.proxyPort");
    System.setProperty("http.proxyHost", "localhost");
    System.setProperty("http.proxyPort", String.valueOf(proxy.getPort()));
    URI target = URI.create("http://upstream.invalid/props");
    try (HttpTransport system = HttpTransport.builder().maxRetries(0).build();
        HttpTransport direct =
            HttpTransport.builder().maxRetries(0).proxy(ProxySettings.direct()).build()) {
      assertThat(system.execute(HttpRequest.get(target).build()).bodyAsString())
          .isEqualTo("via jvm properties");
      proxy.resetRequests();

      // Straight to a host that does not resolve: an I/O error, and the proxy saw nothing.
      assertThatThrownBy(() -> direct.execute(HttpRequest.get(target).build()))
          .isInstanceOf(SocleClientException.class);
      proxy.verify(0, anyRequestedFor(anyUrl()));
    } finally {
      restore("http.proxyHost", host);
      restore("http.proxyPort", port);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void system_isTheDefaultAndFollowsTheJvmProxy() {
    jvmProxyIs(proxy.getPort());
    proxy.stubFor(
        get(urlEqualTo("/jvm"))
            .withHeader("Host", equalTo("upstream.invalid"))
            .willReturn(aResponse().withStatus(200).withBody("jvm proxy")));

    try (HttpTransport http = HttpTransport.create()) {
      assertThat(http.proxy().isSystem()).isTrue();
      assertThat(
              http.execute(HttpRequest.get(URI.create("http://upstream.invalid/jvm")).build())
                  .bodyAsString())
          .isEqualTo("jvm proxy");
    }
  }
}
