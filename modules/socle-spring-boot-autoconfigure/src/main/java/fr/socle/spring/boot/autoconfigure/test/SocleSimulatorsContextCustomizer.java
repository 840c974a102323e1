package fr.socle.spring.boot.autoconfigure.test;

import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/** Starts the simulators for one application context and points the socle.* properties at them. */
final class SocleSimulatorsContextCustomizer implements ContextCustomizer {

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    ConfigurableEnvironment env = context.getEnvironment();
    int port = freePort();
    String base = "http://localhost:" + port;
    URI redirect = URI.create(base + path(env, "socle.identity.redirect-uri", "/login/callback"));
    URI afterLogout =
        URI.create(base + path(env, "socle.identity.post-logout-redirect-uri", "/logout/callback"));
    FranceConnectSimulator fc =
        FranceConnectSimulator.builder()
            .redirectUri(redirect)
            .postLogoutRedirectUri(afterLogout)
            .build()
            .start();
    PayfipSimulator payfip = PayfipSimulator.builder().start();

    Map<String, Object> p = new HashMap<>();
    p.put("server.port", String.valueOf(port));
    p.put("socle.identity.provider", "");
    p.put("socle.identity.issuer", fc.issuer());
    p.put("socle.identity.client-id", fc.clientId());
    p.put("socle.identity.client-secret", fc.clientSecret().reveal());
    p.put("socle.identity.redirect-uri", redirect.toString());
    p.put("socle.identity.post-logout-redirect-uri", afterLogout.toString());
    p.put("socle.payment.endpoint", payfip.soapEndpoint().toString());
    p.put("socle.payment.payment-page", payfip.paymentPageUrl().toString());
    p.put("socle.payment.numcli", PayfipSimulator.DEFAULT_NUMCLI);
    p.put("socle.payment.saisie", "test");
    p.put(
        "socle.payment.notification-url",
        base + path(env, "socle.payment.notification-url", "/payfip/notification"));
    p.put(
        "socle.payment.return-url", base + path(env, "socle.payment.return-url", "/payfip/return"));
    env.getPropertySources().addFirst(new MapPropertySource("socleSimulators", p));

    context.getBeanFactory().registerSingleton("socleFranceConnectSimulator", fc);
    context.getBeanFactory().registerSingleton("soclePayfipSimulator", payfip);
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent closed
              && closed.getApplicationContext() == context) {
            fc.close();
            payfip.close();
          }
        });
  }

  private static String path(ConfigurableEnvironment env, String property, String fallback) {
    String value = env.getProperty(property);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String path = URI.create(value).getRawPath();
    return path == null || path.isEmpty() ? fallback : path;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the application under test", e);
    }
  }

  // One customizer per test configuration: contexts with the annotation share the cache key.
  @Override
  public boolean equals(Object o) {
    return o instanceof SocleSimulatorsContextCustomizer;
  }

  @Override
  public int hashCode() {
    return SocleSimulatorsContextCustomizer.class.hashCode();
  }
}
