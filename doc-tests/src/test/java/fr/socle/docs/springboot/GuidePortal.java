package fr.socle.docs.springboot;

import fr.socle.identity.EidasLevel;
import fr.socle.spring.boot.autoconfigure.security.EidasAuthorization;
import fr.socle.spring.boot.autoconfigure.security.SocleLoginConfigurer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application of docs/spring-boot.md's examples: the starter, the configuration of
 * src/test/resources/application.yml, and the guide's security chain, controller and listener.
 */
@SpringBootApplication
public class GuidePortal {
  // snippet: spring-boot-security
  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers("/demarches/**")
                    .access(EidasAuthorization.atLeast(EidasLevel.EIDAS2))
                    .requestMatchers("/account/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .with(SocleLoginConfigurer.socleLogin(), login -> login.successUrl("/account"));
    return http.build();
  }
  // end snippet
}
