package fr.socle.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.spring.boot.autoconfigure.test.AutoConfigureSocleSimulators;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.payfip.Completion;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal's journey over real HTTP, against the test kit's FranceConnect and PayFiP: login,
 * payment, deposit, commune search, logout through FranceConnect with CSRF on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureSocleSimulators
class PortalJourneyTest {

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("SOCLE_DATA", () -> data.toString());
    registry.add(
        "socle.identity.transaction-key", () -> "test-only-transaction-key-0123456789abcdef");
  }

  @Autowired FranceConnectSimulator franceConnect;
  @Autowired PayfipSimulator payfip;
  @Autowired Environment environment;

  final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  String base() {
    return "http://localhost:" + environment.getProperty("server.port");
  }

  HttpResponse<String> get(String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base() + url : url))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postForm(String path, String form) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String csrf(String page) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("CSRF token in the page").isTrue();
    return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
  }

  static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElseThrow();
  }

  @Test
  void loginPayDepositSearchLogout() throws Exception {
    assertThat(get("/").body()).contains("S'identifier avec FranceConnect");

    // Login through FranceConnect.
    HttpResponse<String> start = get("/login/franceconnect");
    assertThat(start.statusCode()).isEqualTo(302);
    URI callback = franceConnect.login(URI.create(location(start)));
    HttpResponse<String> landed = get(callback.toString());
    assertThat(location(landed)).endsWith("/");
    String home = get("/").body();
    assertThat(home).contains("id=\"hello\"");
    String token = csrf(home);

    // Pay: PayFiP's page, then its server-to-server notification to the starter's endpoint.
    HttpResponse<String> pay = postForm("/pay", "_csrf=" + token);
    assertThat(pay.statusCode()).isEqualTo(302);
    String idOp = URI.create(location(pay)).getQuery().replace("idop=", "");
    Completion paid = payfip.complete(idOp, Outcome.CARD_PAID);
    assertThat(paid.notifications()).isNotEmpty();
    HttpResponse<String> back = get(paid.redirect().orElseThrow().toString());
    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(get(location(back)).body()).contains("PAID, facture réglée");

    // Deposit a document in the safe.
    String boundary = "----socle" + System.nanoTime();
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
            + java.net.URLDecoder.decode(token, StandardCharsets.UTF_8)
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"avis.txt\""
            + "\r\nContent-Type: text/plain\r\n\r\navis d'imposition\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> deposited =
        browser.send(
            HttpRequest.newBuilder(URI.create(base() + "/deposit"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(deposited.body()).contains("Document déposé");

    // Commune search.
    assertThat(get("/communes?q=Lyon").body()).contains("Lyon");

    // Logout: a POST without the token is refused, with it goes through FranceConnect.
    assertThat(postForm("/logout", "").statusCode()).isEqualTo(403);
    HttpResponse<String> logout = postForm("/logout", "_csrf=" + token);
    URI endSession = URI.create(location(logout));
    assertThat(endSession.toString()).startsWith(franceConnect.issuer());
    URI afterLogout = franceConnect.logout(endSession);
    assertThat(location(get(afterLogout.toString()))).endsWith("/");
    assertThat(get("/").body()).contains("S'identifier avec FranceConnect");
    assertThat(get("/account").statusCode()).isEqualTo(302);
  }
}
