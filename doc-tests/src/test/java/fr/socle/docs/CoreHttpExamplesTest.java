package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.ProxySettings;
import fr.socle.payment.payfip.PayfipClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/core.md, "Configuring HTTP": the two ways to give a client its HTTP settings, run. */
class CoreHttpExamplesTest {

  /** A loaded trust store; the guide's reader has one with the private CA of their peer. */
  private static KeyStore trustStore() throws Exception {
    return KeyStore.getInstance(
        Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toFile(),
        "changeit".toCharArray());
  }

  @Test
  void customiser_adjustsTheClientsOwnTransport() {
    Secret proxyPassword = Secret.of("not-a-real-password");
    // snippet: core-http-customiser
    PayfipClient payfip =
        PayfipClient.builder()
            .httpTransport(
                http ->
                    http.applicationName("mairie-de-demo/1.0 (dsi@mairie.fr)")
                        .proxy(
                            ProxySettings.http("proxy.mairie.local", 3128)
                                .withCredentials("socle", proxyPassword)))
            .build();
    // ... the client owns this transport: payfip.close() closes it.
    // end snippet
    assertThat(payfip.endpoint()).isEqualTo(PayfipClient.DEFAULT_ENDPOINT);
    payfip.close();
  }

  @Test
  void sharedTransport_staysTheApplications() throws Exception {
    KeyStore trustStore = trustStore();
    // snippet: core-http-shared
    HttpTransport shared =
        HttpTransport.builder()
            .preset(HttpPreset.PAYFIP) // timeouts and deadline for this kind of peer
            .deadline(Duration.ofSeconds(20)) // later setters override single values
            .applicationName("mairie-de-demo/1.0 (dsi@mairie.fr)")
            .proxy(ProxySettings.direct()) // ignore the JVM's proxy settings
            .trustStore(trustStore) // a private CA, for this transport only
            .build();
    PayfipClient payfip = PayfipClient.builder().httpTransport(shared).build();
    // ... at shutdown: the client never closes a transport it was given.
    payfip.close();
    shared.close();
    // end snippet
    assertThat(shared.deadline()).isEqualTo(Duration.ofSeconds(20));
    assertThat(shared.responseTimeout()).isEqualTo(HttpPreset.PAYFIP.responseTimeout());
    assertThat(shared.proxy()).isEqualTo(ProxySettings.direct());
  }

  @Test
  void both_areRefused() {
    try (HttpTransport shared = HttpTransport.create()) {
      assertThatThrownBy(
              () ->
                  PayfipClient.builder()
                      .httpTransport(shared)
                      .httpTransport(http -> http.maxRetries(0))
                      .build())
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
