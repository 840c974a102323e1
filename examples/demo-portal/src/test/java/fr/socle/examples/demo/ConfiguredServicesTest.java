package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.examples.demo.identity.IdentityFeature;
import fr.socle.examples.demo.payment.PaymentFeature;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With SOCLE_IDENTITY_* and SOCLE_PAYFIP_* set, the portal starts no simulator and talks to the
 * configured services. Here the "real" services are simulators started outside the portal, which is
 * as far as a test without the internet can go.
 */
class ConfiguredServicesTest {
  @Test
  void start_whenBlocksConfigured_usesThemAndStartsNoSimulator() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String base = "http://localhost:" + port;
    Path dataDir = Files.createTempDirectory("demo-portal-configured");
    try (FranceConnectSimulator idp =
            FranceConnectSimulator.builder()
                .flavour(Flavour.FC)
                .redirectUri(URI.create(base + "/auth/callback"))
                .postLogoutRedirectUri(URI.create(base + "/auth/logged-out"))
                .build()
                .start();
        PayfipSimulator payfip = PayfipSimulator.builder().numcli("123456").start()) {
      Map<String, String> env = new HashMap<>();
      env.put("SOCLE_DEMO_PORT", String.valueOf(port));
      env.put("SOCLE_STORAGE_DIR", dataDir.toString());
      env.put("SOCLE_IDENTITY_ISSUER", idp.issuer());
      env.put("SOCLE_IDENTITY_CLIENT_ID", idp.clientId());
      env.put("SOCLE_IDENTITY_CLIENT_SECRET", idp.clientSecret().reveal());
      env.put("SOCLE_IDENTITY_FLAVOUR", "fc");
      env.put("SOCLE_PAYFIP_ENDPOINT", payfip.soapEndpoint().toString());
      env.put("SOCLE_PAYFIP_PAGE_URL", payfip.paymentPageUrl().toString());
      env.put("SOCLE_PAYFIP_NUMCLI", "123456");

      try (DemoPortal portal = DemoPortal.start(DemoConfig.from(env))) {
        IdentityFeature identity = portal.feature(IdentityFeature.class).orElseThrow();
        PaymentFeature payment = portal.feature(PaymentFeature.class).orElseThrow();
        assertThat(identity.simulator()).isEmpty();
        assertThat(payment.simulator()).isEmpty();
        assertThat(identity.describe()).singleElement().asString().contains("FranceConnect réel");
        assertThat(payment.describe().get(0)).contains("PayFiP réel").contains("123456");

        HttpResponse<String> login =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(portal.url() + "/auth/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location").orElseThrow())
            .startsWith(idp.issuer() + "/authorize")
            .contains("client_id=" + idp.clientId());
      }
    }
  }
}
