package fr.socle.payment.e2e;

import fr.socle.testkit.payfip.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The payer's browser: opens the PayFiP page, clicks an outcome, follows the redirect home. */
final class Browser {
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** What the payer saw. */
  record Visit(String pageState, int choiceStatus, URI redirect, String returnPage) {}

  HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  Visit pay(URI paymentPage, Outcome outcome) throws IOException, InterruptedException {
    HttpResponse<String> page = get(paymentPage);
    String state = between(page.body(), "data-state=\"", "\"");
    String idOp = between(page.body(), "name=\"idop\" value=\"", "\"");
    if (idOp == null) {
      return new Visit(state, 0, null, null);
    }
    URI form = paymentPage.resolve(between(page.body(), "action=\"", "\""));
    HttpResponse<String> choice =
        http.send(
            HttpRequest.newBuilder(form)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "idop="
                            + URLEncoder.encode(idOp, StandardCharsets.UTF_8)
                            + "&choix="
                            + outcome.name()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    URI redirect = choice.headers().firstValue("Location").map(URI::create).orElse(null);
    String home = redirect == null ? null : get(redirect).body();
    return new Visit(state, choice.statusCode(), redirect, home);
  }

  private static String between(String text, String start, String end) {
    int i = text.indexOf(start);
    if (i < 0) {
      return null;
    }
    int j = text.indexOf(end, i + start.length());
    return text.substring(i + start.length(), j);
  }
}
