package fr.socle.spring.boot.autoconfigure;

import fr.socle.spring.boot.autoconfigure.security.SocleLoginEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics: {@code socle.logins} counted by {@code outcome} and eIDAS {@code level}. Tags
 * hold no personal datum (no subject, no e-mail, no IP address). Active when the application has a
 * {@link MeterRegistry} (Actuator) and the Spring Security login.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({MeterRegistry.class, SocleLoginEvent.class, ApplicationListener.class})
@ConditionalOnBean(MeterRegistry.class)
public class SocleMetricsAutoConfiguration {

  /** Name of the login counter. */
  public static final String LOGINS = "socle.logins";

  /** Creates the configuration; Spring Boot does. */
  public SocleMetricsAutoConfiguration() {}

  /**
   * Counts the logins.
   *
   * @param registry the application's registry
   * @return the listener
   */
  @Bean
  public ApplicationListener<PayloadApplicationEvent<?>> socleLoginMetrics(MeterRegistry registry) {
    return applicationEvent -> {
      if (!(applicationEvent.getPayload() instanceof SocleLoginEvent event)) {
        return;
      }
      registry
          .counter(
              LOGINS,
              "outcome",
              event.outcome(),
              "level",
              event.level().map(l -> l.name().toLowerCase(java.util.Locale.ROOT)).orElse("none"))
          .increment();
    };
  }
}
