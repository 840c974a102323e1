package fr.socle.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.socle.core.Secret;
import fr.socle.core.SocleClientException;
import fr.socle.payment.spi.InMemoryPaymentLedger;
import fr.socle.storage.s3.S3ObjectStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every published module, loaded and used on the class path a plain Java application gets: a
 * version clash that the Enforcer let through would show here as a {@code NoSuchMethodError} or
 * {@code NoClassDefFoundError}.
 */
class EveryModuleTest {

  @Test
  void everyModule_loadsAndInitialisesItsEntryPoint() throws Exception {
    String[] entryPoints = {
      "fr.socle.core.http.HttpTransport",
      "fr.socle.identity.IdentityClient",
      "fr.socle.identity.servlet.IdentityServlet",
      "fr.socle.payment.Payments",
      "fr.socle.payment.jdbc.JdbcPaymentLedger",
      "fr.socle.storage.DocumentSafe",
      "fr.socle.storage.s3.S3ObjectStore",
      "fr.socle.refdata.Territories",
      "fr.socle.onceonly.ApiEntrepriseClient",
      "fr.socle.onceonly.jdbc.JdbcRateLimitStore",
      "fr.socle.testkit.payfip.PayfipSimulator",
      "fr.socle.testkit.contract.PaymentLedgerContract",
    };
    for (String name : entryPoints) {
      assertEquals(name, Class.forName(name, true, getClass().getClassLoader()).getName());
    }
  }

  @Test
  void core_redactsSecrets() {
    assertTrue(Secret.of("mot-de-passe").toString().contains("redacted"));
  }

  @Test
  void payment_inMemoryLedgerStarts() {
    new InMemoryPaymentLedger();
  }

  /**
   * Runs the AWS SDK on the HttpClient 5 and SLF4J that convergence selected, up to a refused
   * connection on a loopback port nobody listens on (no network beyond this machine).
   */
  @Test
  void storageS3_runsTheAwsSdkOnTheSelectedHttpClient() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    assertThrows(
        SocleClientException.class,
        () ->
            S3ObjectStore.builder()
                .endpoint(closed)
                .bucket("coffre")
                .credentials("access", Secret.of("secret"))
                .connectTimeout(Duration.ofSeconds(2))
                .deadline(Duration.ofSeconds(30))
                .build());
  }
}
