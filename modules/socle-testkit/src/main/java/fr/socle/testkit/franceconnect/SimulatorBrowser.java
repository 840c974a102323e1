package fr.socle.testkit.franceconnect;

import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.http.HttpTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's browser, as the simulator's test helpers play it: follows a redirect, posts the
 * identity page's form, and turns an error page into a {@link SimulatorErrorPageException}.
 */
final class SimulatorBrowser implements AutoCloseable {
  private static final Pattern ERROR_CODE = Pattern.compile("id=\"error-code\">(Y[0-9A-F]+)<");

  private final String interactionPage;
  private final HttpTransport transport =
      HttpTransport.builder()
          .connectTimeout(Duration.ofSeconds(2))
          .responseTimeout(Duration.ofSeconds(10))
          .maxResponseBytes(1024 * 1024)
          .maxRetries(0)
          .applicationName("socle-simulator-browser")
          .build();

  SimulatorBrowser(String issuer) {
    this.interactionPage = issuer + InteractionEndpoint.PREFIX;
  }

  /**
   * Follows an authorization URL and, on the identity page, posts the action's form.
   *
   * @return where the browser is sent back to
   */
  URI interact(URI authorizationUrl, String action, String form) {
    URI next = follow(authorizationUrl);
    if (!next.toString().startsWith(interactionPage)) {
      return next; // pre-selected user, or an error redirect
    }
    return location(
        transport.execute(
            HttpRequest.post(URI.create(next + "/" + action))
                .body(form, "application/x-www-form-urlencoded")
                .build()));
  }

  /** Gets the URL and returns the redirect's target. */
  URI follow(URI uri) {
    return location(transport.execute(HttpRequest.get(uri).build()));
  }

  private static URI location(HttpResponse response) {
    if (response.status() == 303 || response.status() == 302) {
      return URI.create(response.header("Location").orElseThrow());
    }
    Matcher m = ERROR_CODE.matcher(new String(response.body(), StandardCharsets.UTF_8));
    throw new SimulatorErrorPageException(response.status(), m.find() ? m.group(1) : "unknown");
  }

  @Override
  public void close() {
    transport.close();
  }
}
