package fr.socle.docs.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.spring.boot.autoconfigure.test.AutoConfigureSocleSimulators;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** docs/spring-boot.md's test against the simulators, run on the guide's application. */
// snippet: spring-boot-test
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureSocleSimulators
class PortalTest {
  @Autowired FranceConnectSimulator franceConnect;
  @Autowired PayfipSimulator payfip;
  @LocalServerPort int port;

  final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  HttpResponse<String> get(URI uri) throws Exception {
    return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void account_afterAFranceConnectLogin() throws Exception {
    URI portal = URI.create("http://localhost:" + port);
    assertThat(get(portal.resolve("/account")).statusCode()).isEqualTo(302); // to the login

    HttpResponse<String> login = get(portal.resolve("/login/franceconnect"));
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    get(franceConnect.login(authorize)); // the simulator's default citizen; the callback

    assertThat(get(portal.resolve("/account")).body()).startsWith("Bonjour Angela");
    assertThat(get(portal.resolve("/demarches/declaration")).statusCode()).isEqualTo(403);
  }
}
// end snippet
