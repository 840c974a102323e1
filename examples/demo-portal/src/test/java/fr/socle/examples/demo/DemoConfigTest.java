package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoConfigTest {
  @Test
  void from_whenNothingSet_usesDefaultsAndEverySimulator() {
    DemoConfig config = DemoConfig.from(Map.of());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.identity()).isEmpty();
    assertThat(config.payfip()).isEmpty();
    assertThat(config.s3()).isEmpty();
    assertThat(config.storageDir()).isEqualTo(Path.of("demo-data"));
    assertThat(config.baseUrl(8080)).isEqualTo("http://localhost:8080");
  }

  @Test
  void from_whenIdentityFullySet_readsItWithDefaultFlavour() {
    DemoConfig config =
        DemoConfig.from(
            Map.of(
                "SOCLE_IDENTITY_ISSUER", "https://fcp-low.sbx.dev-franceconnect.fr/api/v2",
                "SOCLE_IDENTITY_CLIENT_ID", "client",
                "SOCLE_IDENTITY_CLIENT_SECRET", "very-secret"));

    assertThat(config.identity()).isPresent();
    assertThat(config.identity().get().flavour()).isEqualTo("fc");
    assertThat(config.identity().get().issuer())
        .isEqualTo(URI.create("https://fcp-low.sbx.dev-franceconnect.fr/api/v2"));
    assertThat(config.toString()).doesNotContain("very-secret");
  }

  @Test
  void from_whenIdentityHalfSet_namesTheMissingVariables() {
    assertThatThrownBy(
            () -> DemoConfig.from(Map.of("SOCLE_IDENTITY_ISSUER", "https://idp.example/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SOCLE_IDENTITY_CLIENT_ID")
        .hasMessageContaining("SOCLE_IDENTITY_CLIENT_SECRET");
  }

  @Test
  void from_whenFlavourUnknown_refuses() {
    assertThatThrownBy(
            () ->
                DemoConfig.from(
                    Map.of(
                        "SOCLE_IDENTITY_ISSUER", "https://idp.example/",
                        "SOCLE_IDENTITY_CLIENT_ID", "c",
                        "SOCLE_IDENTITY_CLIENT_SECRET", "s",
                        "SOCLE_IDENTITY_FLAVOUR", "saml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SOCLE_IDENTITY_FLAVOUR");
  }

  @Test
  void from_whenFlavourAloneSet_refusesRatherThanIgnoringIt() {
    assertThatThrownBy(() -> DemoConfig.from(Map.of("SOCLE_IDENTITY_FLAVOUR", "proconnect")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void from_whenPayfipNumcliNotSixDigits_refuses() {
    assertThatThrownBy(
            () ->
                DemoConfig.from(
                    Map.of(
                        "SOCLE_PAYFIP_ENDPOINT", "https://www.payfip.gouv.fr/tpa/services/securite",
                        "SOCLE_PAYFIP_PAGE_URL", "https://www.payfip.gouv.fr/tpa/paiementws.web",
                        "SOCLE_PAYFIP_NUMCLI", "12345")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SOCLE_PAYFIP_NUMCLI");
  }

  @Test
  void from_whenS3FullySet_readsItAndRedactsTheSecretKey() {
    DemoConfig config =
        DemoConfig.from(
            Map.of(
                "SOCLE_STORAGE_S3_ENDPOINT", "https://s3.fr-par.scw.cloud",
                "SOCLE_STORAGE_S3_BUCKET", "mairie",
                "SOCLE_STORAGE_S3_ACCESS_KEY", "AKIA",
                "SOCLE_STORAGE_S3_SECRET_KEY", "s3-secret-key",
                "SOCLE_STORAGE_S3_REGION", "fr-par"));

    assertThat(config.s3()).isPresent();
    assertThat(config.s3().get().region()).isEqualTo("fr-par");
    assertThat(config.toString()).doesNotContain("s3-secret-key");
  }

  @Test
  void from_whenPortNotANumber_refuses() {
    assertThatThrownBy(() -> DemoConfig.from(Map.of("SOCLE_DEMO_PORT", "eighty")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SOCLE_DEMO_PORT");
  }

  @Test
  void from_whenPublicUrlAndStorageDirSet_usesThem() {
    DemoConfig config =
        DemoConfig.from(
            Map.of(
                "SOCLE_DEMO_PORT", "0",
                "SOCLE_DEMO_PUBLIC_URL", "https://mairie.example/",
                "SOCLE_STORAGE_DIR", "/var/lib/mairie"));

    assertThat(config.baseUrl(41000)).isEqualTo("https://mairie.example");
    assertThat(config.storageDir()).isEqualTo(Path.of("/var/lib/mairie"));
  }

  @Test
  void from_whenUrlNotHttp_refuses() {
    assertThatThrownBy(() -> DemoConfig.from(Map.of("SOCLE_DEMO_PUBLIC_URL", "ftp://x/")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void from_whenPayfipFullySet_defaultsToTestModeAndReadsSaisie() {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "SOCLE_PAYFIP_ENDPOINT", "https://www.payfip.gouv.fr/tpa/services/securite",
                "SOCLE_PAYFIP_PAGE_URL", "https://www.payfip.gouv.fr/tpa/paiementws.web",
                "SOCLE_PAYFIP_NUMCLI", "006270"));
    assertThat(DemoConfig.from(env).payfip().orElseThrow().saisie()).isEqualTo("T");

    env.put("SOCLE_PAYFIP_SAISIE", "w");
    assertThat(DemoConfig.from(env).payfip().orElseThrow().saisie()).isEqualTo("W");

    env.put("SOCLE_PAYFIP_SAISIE", "Z");
    assertThatThrownBy(() -> DemoConfig.from(env)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void from_whenReconcileIntervalSet_parsesIsoDurationAndRefusesOthers() {
    assertThat(DemoConfig.from(Map.of()).reconcileEvery())
        .isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(DemoConfig.from(Map.of("SOCLE_PAYFIP_RECONCILE_EVERY", "PT2S")).reconcileEvery())
        .isEqualTo(java.time.Duration.ofSeconds(2));
    assertThatThrownBy(() -> DemoConfig.from(Map.of("SOCLE_PAYFIP_RECONCILE_EVERY", "2s")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DemoConfig.from(Map.of("SOCLE_PAYFIP_RECONCILE_EVERY", "PT0S")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void from_whenTransactionKeyTooShortOrFcplusWithoutKeys_refuses() {
    assertThatThrownBy(() -> DemoConfig.from(Map.of("SOCLE_IDENTITY_TRANSACTION_KEY", "short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(
            () ->
                DemoConfig.from(
                    Map.of(
                        "SOCLE_IDENTITY_ISSUER", "https://auth.franceconnect.gouv.fr/api/v2",
                        "SOCLE_IDENTITY_CLIENT_ID", "c",
                        "SOCLE_IDENTITY_CLIENT_SECRET", "s",
                        "SOCLE_IDENTITY_FLAVOUR", "fcplus")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SOCLE_IDENTITY_DECRYPTION_JWKS");
  }
}
