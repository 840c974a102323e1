package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.socle.core.http.HttpPreset;
import fr.socle.core.http.HttpRequest;
import fr.socle.core.http.HttpTransport;
import fr.socle.core.http.ProxySettings;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.payfip.PayfipClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code socle.http.*}: timeouts, deadline and proxy reach every block's transport. */
class SocleHttpPropertiesTest {

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SocleCoreAutoConfiguration.class,
                  SoclePaymentLedgerAutoConfiguration.class,
                  SoclePaymentAutoConfiguration.class))
          .withBean(DataSource.class, SocleHttpPropertiesTest::h2)
          .withBean(PaymentListener.class, () -> payment -> {})
          .withPropertyValues(
              "socle.payment.numcli=123456",
              "socle.payment.saisie=test",
              "socle.payment.endpoint=http://127.0.0.1:9/payfip",
              "socle.payment.payment-page=http://127.0.0.1:9/page",
              "socle.payment.notification-url=https://portal.example/payfip/notification",
              "socle.payment.return-url=https://portal.example/payfip/return");

  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  static HttpTransport transport(
      org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    return context.getBean(SoclePaymentAutoConfiguration.HTTP_TRANSPORT_BEAN, HttpTransport.class);
  }

  @Test
  void withoutProxyProperties_theJvmSettingsApply_andThePresetIsKept() {
    runner.run(
        context -> {
          HttpTransport t = transport(context);
          assertThat(t.proxy()).isEqualTo(ProxySettings.system());
          assertThat(t.deadline()).isEqualTo(HttpPreset.PAYFIP.deadline());
        });
  }

  @Test
  void deadline_overridesThePreset() {
    runner
        .withPropertyValues("socle.http.deadline=20s")
        .run(
            context -> assertThat(transport(context).deadline()).isEqualTo(Duration.ofSeconds(20)));
  }

  @Test
  void modeDirect_ignoresTheJvmProxy() {
    runner
        .withPropertyValues("socle.http.proxy.mode=direct")
        .run(context -> assertThat(transport(context).proxy()).isEqualTo(ProxySettings.direct()));
  }

  @Test
  void explicitProxyWithCredentials_routesThroughIt_andNeverShowsThePassword() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
          seen.add(exchange.getRequestURI() + " " + auth);
          if (auth == null) {
            exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
            exchange.sendResponseHeaders(407, -1);
          } else {
            byte[] body = "via proxy".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    proxy.start();
    try {
      runner
          .withPropertyValues(
              "socle.http.proxy.host=127.0.0.1",
              "socle.http.proxy.port=" + proxy.getAddress().getPort(),
              "socle.http.proxy.user=agent",
              "socle.http.proxy.password=mot-de-passe")
          .run(
              context -> {
                HttpTransport t = transport(context);
                assertThat(t.proxy().host()).contains("127.0.0.1");
                assertThat(t.proxy().user()).contains("agent");
                assertThat(t.toString()).doesNotContain("mot-de-passe");
                assertThat(context.getBean(SocleHttpProperties.class).getProxy().getPassword())
                    .hasToString("Secret[redacted]");
                assertThat(
                        t.execute(HttpRequest.get(URI.create("http://upstream.invalid/x")).build())
                            .bodyAsString())
                    .isEqualTo("via proxy");
                // The PayFiP client got this very transport.
                assertThat(context.getBean(PayfipClient.class)).isNotNull();
              });
    } finally {
      proxy.stop(0);
    }
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("agent:mot-de-passe".getBytes(StandardCharsets.UTF_8));
    assertThat(seen).last().asString().endsWith(expected).contains("upstream.invalid/x");
  }

  @Test
  void metadata_describesEveryHttpProperty() throws Exception {
    // IDEs complete socle.http.* from this file, generated from the javadoc of the properties.
    try (var in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(metadata)
          .contains(
              "\"socle.http.deadline\"",
              "\"socle.http.proxy.mode\"",
              "\"socle.http.proxy.host\"",
              "\"socle.http.proxy.port\"",
              "\"socle.http.proxy.user\"",
              "\"socle.http.proxy.password\"");
    }
  }

  @Test
  void contradictions_failTheStartNamingTheProperty() {
    runner
        .withPropertyValues("socle.http.proxy.mode=direct", "socle.http.proxy.host=proxy.local")
        .run(
            context ->
                assertThat(StartupFailures.messages(context)).contains("socle.http.proxy.mode"));
    runner
        .withPropertyValues("socle.http.proxy.mode=explicit", "socle.http.proxy.host=proxy.local")
        .run(
            context ->
                assertThat(StartupFailures.messages(context)).contains("socle.http.proxy.port"));
    runner
        .withPropertyValues(
            "socle.http.proxy.host=proxy.local",
            "socle.http.proxy.port=3128",
            "socle.http.proxy.user=agent")
        .run(
            context ->
                assertThat(StartupFailures.messages(context))
                    .contains("socle.http.proxy.password"));
    runner
        .withPropertyValues(
            "socle.http.proxy.host=proxy.local",
            "socle.http.proxy.port=70000",
            "socle.http.proxy.password=mot-de-passe")
        .run(
            context ->
                assertThat(StartupFailures.messages(context))
                    .contains("socle.http.proxy")
                    .doesNotContain("mot-de-passe"));
  }
}
