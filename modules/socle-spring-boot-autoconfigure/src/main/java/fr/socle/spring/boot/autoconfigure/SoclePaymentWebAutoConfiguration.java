package fr.socle.spring.boot.autoconfigure;

import fr.socle.payment.Payments;
import java.net.URI;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Registers PayFiP's notification endpoint (at the path of {@code socle.payment.notification-url})
 * and the payer's return (at the path of {@code socle.payment.return-url}) in a servlet
 * application, ahead of Spring Security so that no CSRF exemption has to be written by hand.
 */
@AutoConfiguration(after = SoclePaymentAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Payments.class, OncePerRequestFilter.class})
@ConditionalOnBean(Payments.class)
public class SoclePaymentWebAutoConfiguration {

  /** Name of the filter registration; define a bean with this name to replace it. */
  public static final String FILTER_BEAN = "soclePayfipEndpoints";

  /** Creates the configuration; Spring Boot does. */
  public SoclePaymentWebAutoConfiguration() {}

  /**
   * The PayFiP endpoints, ordered before Spring Security's filter ({@code -100}).
   *
   * @param payments the payments service
   * @param properties {@code socle.payment.*}
   * @return the registration
   */
  @Bean(name = FILTER_BEAN)
  @ConditionalOnMissingBean(name = FILTER_BEAN)
  public FilterRegistrationBean<OncePerRequestFilter> soclePayfipEndpoints(
      Payments payments, SoclePaymentProperties properties) {
    String notification = path(properties.getNotificationUrl(), "notification-url");
    String ret = path(properties.getReturnUrl(), "return-url");
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new PayfipEndpointFilter(payments, notification, ret, properties.getAfterReturnUrl()));
    registration.addUrlPatterns(notification, ret);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
    registration.setName(FILTER_BEAN);
    return registration;
  }

  private static String path(URI url, String property) {
    String p = url == null ? null : url.getRawPath();
    if (p == null || p.isEmpty() || p.equals("/")) {
      throw new SocleConfigurationException(
          "socle.payment." + property, "needs a path the application can serve");
    }
    return p;
  }
}
