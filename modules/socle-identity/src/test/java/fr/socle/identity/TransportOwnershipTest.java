package fr.socle.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.http.HttpTransport;
import fr.socle.identity.testing.ScriptedProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An injected transport stays the caller's; the transport the client built is closed with it. */
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
}
