package fr.socle.spring.boot.autoconfigure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fr.socle.identity.EidasLevel;
import fr.socle.identity.Identity;
import fr.socle.spring.boot.autoconfigure.SocleCoreAutoConfiguration;
import fr.socle.spring.boot.autoconfigure.SocleIdentityAutoConfiguration;
import fr.socle.spring.boot.autoconfigure.SocleMetricsAutoConfiguration;
import fr.socle.spring.boot.autoconfigure.SocleWebSecurityAutoConfiguration;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** The whole login journey through Spring Security, against the test kit's FranceConnect. */
class SocleLoginConfigurerTest {

  static FranceConnectSimulator fc;

  @BeforeAll
  static void startProvider() {
    fc =
        FranceConnectSimulator.builder()
            .redirectUri(URI.create("http://localhost/login/callback"))
            .postLogoutRedirectUri(URI.create("http://localhost/logout/callback"))
            .build()
            .start();
  }

  @AfterAll
  static void stopProvider() {
    fc.close();
  }

  @BeforeEach
  void resetProvider() {
    fc.reset();
  }

  WebApplicationContextRunner runner(Class<?> userConfiguration) {
    return new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SocleCoreAutoConfiguration.class,
                SocleIdentityAutoConfiguration.class,
                SocleWebSecurityAutoConfiguration.class,
                SocleMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withUserConfiguration(userConfiguration)
        .withPropertyValues(
            "socle.identity.issuer=" + fc.issuer(),
            "socle.identity.client-id=" + fc.clientId(),
            "socle.identity.client-secret=" + fc.clientSecret().reveal(),
            "socle.identity.redirect-uri=http://localhost/login/callback",
            "socle.identity.post-logout-redirect-uri=http://localhost/logout/callback",
            "socle.identity.transaction-key=0123456789abcdef0123456789abcdef-key",
            "socle.identity.web.protected-paths=/account/**",
            "socle.identity.web.eidas-paths.EIDAS2=/eidas2/**");
  }

  MeterRegistry meters;

  void withMvc(Class<?> userConfiguration, Consumer<MockMvc> test) {
    runner(userConfiguration)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              meters = context.getBean(MeterRegistry.class);
              test.accept(
                  MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                      .apply(springSecurity())
                      .build());
            });
  }

  /** Logs in through the simulator; returns the session. */
  static MockHttpSession login(MockMvc mvc) throws Exception {
    MvcResult start = mvc.perform(get("/login/franceconnect")).andReturn();
    MockHttpSession session = (MockHttpSession) start.getRequest().getSession(false);
    URI callback = fc.login(URI.create(start.getResponse().getRedirectedUrl()));
    MvcResult done = mvc.perform(get(callback).session(session)).andReturn();
    assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/");
    return session;
  }

  @Test
  void login_thenPrincipalIsTheTypedIdentity_withItsEidasAuthority() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            MockHttpSession session = login(mvc);
            String me =
                mvc.perform(get("/account/me").session(session))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(me).startsWith("level=EIDAS1;authorities=").contains("EIDAS_1");
            assertThat(me).doesNotContain("EIDAS_2");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void logins_areCountedByOutcomeAndLevel_withoutPersonalData() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            login(mvc);
            MvcResult start = mvc.perform(get("/login/franceconnect")).andReturn();
            MockHttpSession session = (MockHttpSession) start.getRequest().getSession(false);
            URI callback = fc.login(URI.create(start.getResponse().getRedirectedUrl()));
            mvc.perform(
                get(URI.create(callback.toString().replace("state=", "state=x"))).session(session));
            assertThat(
                    meters
                        .get("socle.logins")
                        .tags("outcome", "success", "level", "eidas1")
                        .counter()
                        .count())
                .isEqualTo(1.0);
            assertThat(meters.get("socle.logins").tag("level", "none").counter().count())
                .isEqualTo(1.0);
            meters
                .getMeters()
                .forEach(
                    m ->
                        m.getId()
                            .getTags()
                            .forEach(
                                t ->
                                    assertThat(t.getValue())
                                        .isIn(
                                            "success",
                                            "eidas1",
                                            "none",
                                            "InvalidCallbackException",
                                            "InvalidTransactionException")));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void starterChain_replacesBootsGeneratedPasswordUser_applicationChainDoesNot() {
    runner(DefaultChainApp.class)
        .run(
            context ->
                assertThat(
                        context
                            .getBean(
                                org.springframework.security.core.userdetails.UserDetailsService
                                    .class)
                            .getClass()
                            .getSimpleName())
                    .isEqualTo("InMemoryUserDetailsManager"));
    runner(OwnChainApp.class)
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(
                        org.springframework.security.core.userdetails.UserDetailsService.class));
  }

  @Test
  void login_changesTheSessionId() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            MvcResult start = mvc.perform(get("/login/franceconnect")).andReturn();
            MockHttpSession session = (MockHttpSession) start.getRequest().getSession(false);
            String before = session.getId();
            URI callback = fc.login(URI.create(start.getResponse().getRedirectedUrl()));
            MvcResult done = mvc.perform(get(callback).session(session)).andReturn();
            assertThat(done.getRequest().getSession(false).getId()).isNotEqualTo(before);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void protectedPage_whenAnonymous_redirectsToTheLoginStart() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            MvcResult r = mvc.perform(get("/account/me")).andReturn();
            assertThat(r.getResponse().getStatus()).isEqualTo(302);
            assertThat(r.getResponse().getRedirectedUrl()).endsWith("/login/franceconnect");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void callback_whenStateTampered_leavesTheUserLoggedOut() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            MvcResult start = mvc.perform(get("/login/franceconnect")).andReturn();
            MockHttpSession session = (MockHttpSession) start.getRequest().getSession(false);
            URI callback = fc.login(URI.create(start.getResponse().getRedirectedUrl()));
            URI tampered = URI.create(callback.toString().replace("state=", "state=x"));
            MvcResult r = mvc.perform(get(tampered).session(session)).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/?login=failed");
            assertThat(
                    mvc.perform(get("/account/me").session(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(302);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void callback_whenReplayed_isRefusedTheSecondTime() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            MvcResult start = mvc.perform(get("/login/franceconnect")).andReturn();
            MockHttpSession session = (MockHttpSession) start.getRequest().getSession(false);
            URI callback = fc.login(URI.create(start.getResponse().getRedirectedUrl()));
            mvc.perform(get(callback).session(session)).andReturn();
            MockHttpSession attacker = new MockHttpSession();
            MvcResult replay = mvc.perform(get(callback).session(attacker)).andReturn();
            assertThat(replay.getResponse().getRedirectedUrl()).isEqualTo("/?login=failed");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void logout_withCsrfToken_goesThroughFranceConnect_andWithoutIsRefused() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            MockHttpSession session = login(mvc);
            assertThat(
                    mvc.perform(post("/logout").session(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
            MvcResult out = mvc.perform(post("/logout").session(session).with(csrf())).andReturn();
            String endSession = out.getResponse().getRedirectedUrl();
            assertThat(endSession).startsWith(fc.issuer()).contains("id_token_hint=");
            MockHttpSession after = (MockHttpSession) out.getRequest().getSession(false);
            URI back = fc.logout(URI.create(endSession));
            MvcResult r = mvc.perform(get(back).session(after)).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
            assertThat(
                    mvc.perform(get("/account/me").session(after))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(302);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void eidasPath_refusesALowerLevel_andAdmitsTheLevelDemanded() {
    withMvc(
        DefaultChainApp.class,
        mvc -> {
          try {
            MockHttpSession low = login(mvc);
            assertThat(
                    mvc.perform(get("/eidas2/page").session(low))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
            fc.authenticationLevel("eidas2");
            MockHttpSession high = login(mvc);
            assertThat(
                    mvc.perform(get("/eidas2/page").session(high))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .isEqualTo("eidas2 page");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void applicationChain_withSocleLogin_andEidasAuthorization() {
    withMvc(
        OwnChainApp.class,
        mvc -> {
          try {
            assertThat(mvc.perform(get("/eidas2/page")).andReturn().getResponse().getStatus())
                .isEqualTo(302);
            fc.authenticationLevel("eidas3");
            MockHttpSession session = login(mvc);
            assertThat(
                    mvc.perform(get("/eidas2/page").session(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @RestController
  static class Pages {
    @GetMapping("/account/me")
    String me(@AuthenticationPrincipal Identity identity) {
      SocleAuthentication auth =
          (SocleAuthentication)
              org.springframework.security.core.context.SecurityContextHolder.getContext()
                  .getAuthentication();
      return "level="
          + identity.eidasLevel().map(Enum::name).orElse("none")
          + ";authorities="
          + auth.getAuthorities();
    }

    @GetMapping("/eidas2/page")
    String eidas2() {
      return "eidas2 page";
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  @EnableWebSecurity
  static class DefaultChainApp {
    @Bean
    Pages pages() {
      return new Pages();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  @EnableWebSecurity
  static class OwnChainApp {
    @Bean
    Pages pages() {
      return new Pages();
    }

    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(
              a ->
                  a.requestMatchers("/eidas2/**")
                      .access(EidasAuthorization.atLeast(EidasLevel.EIDAS2))
                      .anyRequest()
                      .permitAll())
          .with(SocleLoginConfigurer.socleLogin(), login -> login.successUrl("/"));
      return http.build();
    }
  }
}
