package fr.socle.testkit.franceconnect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.testkit.franceconnect.Flavour;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FranceConnectCommandTest {

  @Test
  void parse_whenAllOptions_registersTheClient() throws Exception {
    FranceConnectSimulator sim =
        FranceConnectCommand.parse(
                new String[] {
                  "--port", "0",
                  "--flavour", "proconnect",
                  "--client-id", "my-client",
                  "--client-secret", "0123456789abcdef0123456789abcdef",
                  "--redirect-uri", "https://app.example/cb",
                  "--post-logout-redirect-uri", "https://app.example/bye"
                })
            .build();
    try (sim) {
      sim.start();
      assertThat(sim.flavour()).isEqualTo(Flavour.PROCONNECT);
      assertThat(sim.clientId()).isEqualTo("my-client");
      assertThat(sim.redirectUris()).containsExactly(URI.create("https://app.example/cb"));
      assertThat(sim.postLogoutRedirectUris())
          .containsExactly(URI.create("https://app.example/bye"));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FranceConnectCommand.printBanner(sim, new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("issuer                    " + sim.issuer())
          .contains("my-client")
          .contains("https://app.example/cb");
    }
  }

  @Test
  void parse_defaults_port9080AndDefaultClient() throws Exception {
    FranceConnectSimulator sim = FranceConnectCommand.parse(new String[0]).build();
    assertThat(sim.flavour()).isEqualTo(Flavour.FC);
    assertThat(sim.clientId()).isEqualTo(FranceConnectSimulator.DEFAULT_CLIENT_ID);
    assertThat(sim.redirectUris()).containsExactly(FranceConnectSimulator.DEFAULT_REDIRECT_URI);
  }

  @Test
  void parse_whenUnknownOptionOrFlavour_fails() {
    assertThatThrownBy(() -> FranceConnectCommand.parse(new String[] {"--colour", "blue"}))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> FranceConnectCommand.parse(new String[] {"--flavour", "fc1"}))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> FranceConnectCommand.parse(new String[] {"--port"}))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void parse_whenRegistrationOptions_appliesThem(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    com.nimbusds.jose.jwk.ECKey key =
        new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
            .keyID("sp")
            .generate();
    java.nio.file.Path publicJwks = dir.resolve("public.json");
    java.nio.file.Files.writeString(
        publicJwks, new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
    java.nio.file.Path privateJwks = dir.resolve("private.json");
    java.nio.file.Files.writeString(
        privateJwks, new com.nimbusds.jose.jwk.JWKSet(key).toString(false));

    assertThat(
            FranceConnectCommand.parse(
                    new String[] {
                      "--port", "0",
                      "--client-signing-jwks-file", publicJwks.toString(),
                      "--strict-logout", "true"
                    })
                .build())
        .isNotNull();
    assertThatThrownBy(
            () ->
                FranceConnectCommand.parse(
                    new String[] {"--client-signing-jwks-file", privateJwks.toString()}))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> FranceConnectCommand.parse(new String[] {"--strict-logout", "yes"}))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void fcplus_withoutClientKeys_isAClearError() {
    assertThatThrownBy(
            () -> FranceConnectCommand.parse(new String[] {"--flavour", "fcplus"}).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientJwks");
  }
}
