package fr.socle.spring.boot.autoconfigure;

import fr.socle.identity.EidasLevel;
import fr.socle.identity.IdentityClient;
import fr.socle.spring.boot.autoconfigure.security.EidasAuthorization;
import fr.socle.spring.boot.autoconfigure.security.SocleLoginConfigurer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * When the application has Spring Security, an {@link IdentityClient} and no filter chain of its
 * own: a chain with FranceConnect login ({@link SocleLoginConfigurer}), CSRF on, the paths of
 * {@code socle.identity.web.protected-paths} for logged-in users, those of {@code
 * socle.identity.web.eidas-paths} for a high enough eIDAS level, everything else public. Runs
 * before Spring Boot's default chain, which then backs off.
 */
@AutoConfiguration(
    after = SocleIdentityAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class, IdentityClient.class})
@ConditionalOnBean(IdentityClient.class)
@EnableConfigurationProperties(SocleWebSecurityProperties.class)
public class SocleWebSecurityAutoConfiguration {

  /** Creates the configuration; Spring Boot does. */
  public SocleWebSecurityAutoConfiguration() {}

  /**
   * No password users: with FranceConnect as the only login, Spring Boot's generated "user" and its
   * logged password would be noise at best. Only with the starter's own chain; an application with
   * its own chain decides for itself.
   *
   * @return a user store without users
   */
  @Bean
  @ConditionalOnMissingBean({
    SecurityFilterChain.class,
    UserDetailsService.class,
    AuthenticationManager.class,
    AuthenticationProvider.class
  })
  public InMemoryUserDetailsManager socleNoPasswordUsers() {
    return new InMemoryUserDetailsManager();
  }

  /**
   * The default filter chain.
   *
   * @param http Spring Security's builder
   * @param properties {@code socle.identity.web.*}
   * @return the chain
   * @throws Exception as {@link HttpSecurity#build()} does
   */
  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  public SecurityFilterChain socleSecurityFilterChain(
      HttpSecurity http, SocleWebSecurityProperties properties) throws Exception {
    http.authorizeHttpRequests(
        a -> {
          // Highest level first: a path listed under two levels demands the higher one.
          properties.getEidasPaths().entrySet().stream()
              .sorted(Map.Entry.<EidasLevel, List<String>>comparingByKey(Comparator.reverseOrder()))
              .forEach(
                  e ->
                      a.requestMatchers(e.getValue().toArray(String[]::new))
                          .access(EidasAuthorization.atLeast(e.getKey())));
          if (!properties.getProtectedPaths().isEmpty()) {
            a.requestMatchers(properties.getProtectedPaths().toArray(String[]::new))
                .authenticated();
          }
          a.anyRequest().permitAll();
        });
    http.with(
        SocleLoginConfigurer.socleLogin(),
        login ->
            login.successUrl(properties.getSuccessUrl()).failureUrl(properties.getFailureUrl()));
    return http.build();
  }
}
