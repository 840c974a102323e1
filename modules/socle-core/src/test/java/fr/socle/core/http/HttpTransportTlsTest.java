package fr.socle.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer with a private certificate: refused by default, accepted with a per-transport trust store.
 */
class HttpTransportTlsTest {

  private static WireMockServer peer;

  /**
   * A peer certificate for localhost from a private, self-signed key, made with the JDK keytool.
   */
  @BeforeAll
  static void startPeer(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("peer.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "peer",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    peer =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword("changeit")
                .keyManagerPassword("changeit"));
    peer.start();
  }

  @AfterAll
  static void stopPeer() {
    peer.stop();
  }

  private URI httpsUri() {
    return URI.create("https://localhost:" + peer.httpsPort() + "/tls");
  }

  @Test
  void execute_whenThePeerCertificateIsNotTrusted_refusesTheConnection() {
    peer.stubFor(get("/tls").willReturn(aResponse().withStatus(200).withBody("secure")));
    try (HttpTransport http = HttpTransport.builder().maxRetries(0).build()) {
      assertThatThrownBy(() -> http.execute(HttpRequest.get(httpsUri()).build()))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("SSL");
    }
  }

  @Test
  void execute_withAPerTransportTrustStore_acceptsThePeerWithoutTouchingJvmSettings()
      throws Exception {
    peer.stubFor(get("/tls").willReturn(aResponse().withStatus(200).withBody("secure")));
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("peer", peerCertificate());
    String jvmTrustStore = System.getProperty("javax.net.ssl.trustStore");

    try (HttpTransport http = HttpTransport.builder().trustStore(trustStore).build()) {
      assertThat(http.execute(HttpRequest.get(httpsUri()).build()).bodyAsString())
          .isEqualTo("secure");
    }
    assertThat(System.getProperty("javax.net.ssl.trustStore")).isEqualTo(jvmTrustStore);
  }

  @Test
  void execute_httpsThroughAConnectProxyWithCredentials_tunnelsToThePeer() throws Exception {
    peer.stubFor(get("/tls").willReturn(aResponse().withStatus(200).withBody("secure")));
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("agent:mot-de-passe".getBytes(StandardCharsets.UTF_8));
    try (ConnectProxy proxy = new ConnectProxy(authorization);
        HttpTransport http =
            HttpTransport.builder()
                .trustStore(trustStore())
                .proxy(
                    ProxySettings.http("127.0.0.1", proxy.port())
                        .withCredentials("agent", Secret.of("mot-de-passe")))
                .build()) {
      assertThat(http.execute(HttpRequest.get(httpsUri()).build()).bodyAsString())
          .isEqualTo("secure");

      // First CONNECT without credentials (407), then with them: the proxy saw the tunnel target
      // only, never the request path, and the password only Base64-encoded in its own header.
      assertThat(proxy.heads).hasSizeGreaterThanOrEqualTo(2);
      assertThat(proxy.heads.get(proxy.heads.size() - 1))
          .startsWith("CONNECT localhost:" + peer.httpsPort() + " ")
          .contains("Proxy-Authorization: " + authorization)
          .doesNotContain("/tls");
    }
  }

  @Test
  void execute_whenTheConnectProxyRefusesTheCredentials_returnsItsAnswerWithoutTheTunnel()
      throws Exception {
    try (ConnectProxy proxy = new ConnectProxy("Basic something-else");
        HttpTransport http =
            HttpTransport.builder()
                .maxRetries(0)
                .trustStore(trustStore())
                .proxy(
                    ProxySettings.http("127.0.0.1", proxy.port())
                        .withCredentials("agent", Secret.of("mot-de-passe")))
                .build()) {
      HttpResponse response = http.execute(HttpRequest.get(httpsUri()).build());

      // The proxy's 407 comes back as it is (requireSuccess turns it into a service error); the
      // request itself never left for the peer.
      assertThat(response.status()).isEqualTo(407);
      assertThat(response.toString()).doesNotContain("mot-de-passe");
      assertThat(http.toString()).doesNotContain("mot-de-passe");
      assertThat(proxy.heads).allSatisfy(head -> assertThat(head).startsWith("CONNECT "));
    }
  }

  @Test
  void execute_throughADirectRoute_ignoresAJvmProxyThatWouldRefuse() throws Exception {
    peer.stubFor(get("/tls").willReturn(aResponse().withStatus(200).withBody("secure")));
    ProxySelector previous = ProxySelector.getDefault();
    try (ConnectProxy refusing = new ConnectProxy("Basic nobody-has-this")) {
      ProxySelector.setDefault(
          ProxySelector.of(new InetSocketAddress("127.0.0.1", refusing.port())));
      try (HttpTransport http =
          HttpTransport.builder().trustStore(trustStore()).proxy(ProxySettings.direct()).build()) {
        assertThat(http.execute(HttpRequest.get(httpsUri()).build()).bodyAsString())
            .isEqualTo("secure");
      }
      assertThat(refusing.heads).isEmpty();
    } finally {
      ProxySelector.setDefault(previous);
    }
  }

  private KeyStore trustStore() throws Exception {
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("peer", peerCertificate());
    return trustStore;
  }

  /** Reads the peer's certificate as an administrator would export it from a browser. */
  private Certificate peerCertificate() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptAnything()}, null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("localhost", peer.httpsPort())) {
      socket.startHandshake();
      return socket.getSession().getPeerCertificates()[0];
    }
  }

  private static final class AcceptAnything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
