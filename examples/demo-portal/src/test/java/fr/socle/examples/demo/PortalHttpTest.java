package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the portal answers at the HTTP level, whatever the browser. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalHttpTest {
  private Path dataDir;
  private DemoPortal portal;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("demo-portal-http");
    portal =
        DemoPortal.start(
            DemoConfig.from(
                Map.of("SOCLE_DEMO_PORT", "0", "SOCLE_STORAGE_DIR", dataDir.toString())));
  }

  @AfterAll
  void stop() {
    portal.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(portal.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void home_whenRequested_isHtmlWithSecurityHeaders() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).contains("<html lang=\"fr\">");
  }

  @Test
  void page_whenUnknown_is404InTheLayout() throws Exception {
    HttpResponse<String> response = get("/%3Cscript%3Ealert(1)%3C/script%3E");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("Mairie de Démo").doesNotContain("<script>alert");
  }

  @Test
  void staticFiles_whenKnown_areServedWithTheirType() throws Exception {
    HttpResponse<String> css = get("/static/portal.css");
    HttpResponse<String> js = get("/static/portal.js");

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
    assertThat(css.body()).doesNotContain("http://").doesNotContain("https://");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void staticFiles_whenUnknownOrTraversal_are404() throws Exception {
    assertThat(get("/static/../DemoPortal.class").statusCode()).isEqualTo(404);
    assertThat(get("/static/portal.css.bak").statusCode()).isEqualTo(404);
  }

  @Test
  void communeSuggestions_whenQueried_areJsonWithLinks() throws Exception {
    HttpResponse<String> response = get("/communes/suggestions?q=paris");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .contains("\"label\":\"Paris\"")
        .contains("\"href\":\"/communes/75056\"");
  }

  @Test
  void communeSuggestions_whenQueryHostileOrOversized_areEmpty() throws Exception {
    // "<script>" folds to "script", one slip away from the commune of Scrupt (51): the answer is
    // that suggestion as JSON data, never markup.
    assertThat(get("/communes/suggestions?q=%3Cscript%3E").body())
        .contains("\"label\":\"Scrupt\"")
        .doesNotContain("<");
    assertThat(get("/communes/suggestions?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body())
        .isEqualTo("[]");
    assertThat(get("/communes/suggestions?q=" + "a".repeat(5000)).body()).isEqualTo("[]");
    assertThat(get("/communes/suggestions").body()).isEqualTo("[]");
  }

  @Test
  void communeSearch_whenQueryIsMarkup_echoesItEscaped() throws Exception {
    HttpResponse<String> response = get("/communes?q=%3Cimg%20src=x%3E");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("&lt;img src=x&gt;").doesNotContain("<img src=x>");
  }
}
