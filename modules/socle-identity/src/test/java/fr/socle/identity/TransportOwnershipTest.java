package fr.socle.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import fr.socle.core.InvalidInputException;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpTransport;
import fr.socle.identity.testing.ScriptedProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two ways to give the client its transport: shared (stays the caller's) or customised (built
 * from the OpenID provider preset, owned and closed by the client); both at once is refused.
 */
class TransportOwnershipTest {
  private ScriptedProvider fc;

  @BeforeEach
  void start() {
    fc = ScriptedProvider.start(ProviderFamily.FRANCECONNECT);
  }

  @AfterEach
  void stop() {
    fc.close();
  }

  @Test
  @DisplayName("closing the client leaves an injected transport open for its other users")
  void close_whenTransportInjected_leavesItOpen() {
    try (HttpTransport shared = HttpTransport.create()) {
      IdentityClient first = fc.clientBuilder().httpTransport(shared).build();
      first.checkProvider();
      first.close();

      // a second client on the same transport discovers the provider anew over it
      try (IdentityClient second = fc.clientBuilder().httpTransport(shared).build()) {
        assertThatCode(second::checkProvider).doesNotThrowAnyException();
        assertThatCode(second::begin).doesNotThrowAnyException();
      }
    }
  }

  @Test
  @DisplayName("closing the client closes the transport it built itself")
  void close_whenTransportOwned_closesIt() {
    IdentityClient client = fc.clientBuilder().build();
    client.close();

    // nothing was fetched before close: the first discovery needs the (now closed) transport
    assertThatThrownBy(client::checkProvider).isInstanceOf(RuntimeException.class);
  }

  @Test
  @DisplayName("the customiser starts from the OpenID provider preset")
  void httpTransportCustomiser_startsFromTheOpenIdProviderPreset() {
    List<HttpTransport> seen = new ArrayList<>();
    Consumer<HttpTransport.Builder> capture = b -> seen.add(b.build());
    try (IdentityClient client = fc.clientBuilder().httpTransport(capture).build()) {
      assertThat(seen).hasSize(1);
      HttpTransport built = seen.get(0);
      assertThat(built.deadline()).isEqualTo(HttpPreset.OPENID_PROVIDER.deadline());
      assertThat(built.connectTimeout()).isEqualTo(HttpPreset.OPENID_PROVIDER.connectTimeout());
      assertThat(built.responseTimeout()).isEqualTo(HttpPreset.OPENID_PROVIDER.responseTimeout());
      built.close();
    }
  }

  @Test
  @DisplayName("the client sends its requests through the transport built from the customiser")
  void httpTransportCustomiser_isTheTransportTheClientUses() {
    try (IdentityClient client =
        fc.clientBuilder().httpTransport(b -> b.applicationName("mairie-de-test/1.0")).build()) {
      client.checkProvider();
    }
    List<LoggedRequest> sent = fc.server().findAll(getRequestedFor(anyUrl()));
    assertThat(sent).isNotEmpty();
    assertThat(sent)
        .allSatisfy(r -> assertThat(r.getHeader("User-Agent")).contains("mairie-de-test/1.0"));
  }

  @Test
  @DisplayName("closing the client closes the transport built from the customiser")
  void close_whenTransportCustomised_closesIt() {
    IdentityClient client =
        fc.clientBuilder().httpTransport(b -> b.applicationName("mairie")).build();
    client.close();

    assertThatThrownBy(client::checkProvider).isInstanceOf(RuntimeException.class);
  }

  @Test
  @DisplayName("a shared transport and a customiser together are refused at build(), either order")
  void build_whenSharedAndCustomisedTransport_isInvalidInput() {
    try (HttpTransport shared = HttpTransport.create()) {
      assertThatThrownBy(
              () -> fc.clientBuilder().httpTransport(shared).httpTransport(b -> {}).build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("httpTransport");
      assertThatThrownBy(
              () -> fc.clientBuilder().httpTransport(b -> {}).httpTransport(shared).build())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("httpTransport");
    }
  }

  @Test
  @DisplayName("a null transport or customiser is a NullPointerException naming the parameter")
  void httpTransport_whenNull_namesTheParameter() {
    assertThatThrownBy(() -> IdentityClient.builder().httpTransport((HttpTransport) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("http");
    assertThatThrownBy(
            () -> IdentityClient.builder().httpTransport((Consumer<HttpTransport.Builder>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("customiser");
  }
}
