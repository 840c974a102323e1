package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import fr.socle.payment.Debt;
import fr.socle.payment.PaymentListener;
import fr.socle.payment.PaymentState;
import fr.socle.payment.Payments;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** PayFiP's endpoints behind an application's Spring Security with CSRF on. */
class PayfipEndpointsTest {

  static PayfipSimulator payfip;

  @BeforeAll
  static void start() {
    payfip = PayfipSimulator.builder().start();
  }

  @AfterAll
  static void stop() {
    payfip.close();
  }

  final AtomicInteger fulfilled = new AtomicInteger();

  WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SocleCoreAutoConfiguration.class,
                SoclePaymentLedgerAutoConfiguration.class,
                SoclePaymentAutoConfiguration.class,
                SoclePaymentWebAutoConfiguration.class))
        .withUserConfiguration(SecuredApp.class)
        .withBean(DataSource.class, SoclePaymentAutoConfigurationTest::h2)
        .withBean(PaymentListener.class, () -> payment -> fulfilled.incrementAndGet())
        .withPropertyValues(
            "socle.payment.numcli=" + PayfipSimulator.DEFAULT_NUMCLI,
            "socle.payment.saisie=test",
            "socle.payment.endpoint=" + payfip.soapEndpoint(),
            "socle.payment.payment-page=" + payfip.paymentPageUrl(),
            // Nobody listens there: the test plays PayFiP's notification itself, twice.
            "socle.payment.notification-url=http://127.0.0.1:9/payfip/notification",
            "socle.payment.return-url=http://127.0.0.1:9/payfip/return",
            "socle.payment.after-return-url=/invoices",
            "socle.payment.reconcile-every=0s");
  }

  @SuppressWarnings("unchecked")
  static MockMvc mvc(AssertableWebApplicationContext context) {
    FilterRegistrationBean<?> endpoints =
        context.getBean(SoclePaymentWebAutoConfiguration.FILTER_BEAN, FilterRegistrationBean.class);
    // The servlet container applies registrations by order; MockMvc needs them listed in order.
    return MockMvcBuilders.webAppContextSetup(context)
        .addFilters(endpoints.getFilter())
        .apply(springSecurity())
        .build();
  }

  @Test
  void notification_withoutCsrfToken_isAcceptedAndFulfilsExactlyOnce_whenSentTwice() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Payments payments = context.getBean(Payments.class);
              String idOp =
                  payments
                      .create(new Debt("FACT" + System.nanoTime(), 1500, "Cantine", "p@example.fr"))
                      .idOp();
              payfip.complete(idOp, Outcome.CARD_PAID);
              MockMvc mvc = mvc(context);
              MvcResult first =
                  mvc.perform(post("/payfip/notification").param("idop", idOp)).andReturn();
              MvcResult second =
                  mvc.perform(post("/payfip/notification").param("idop", idOp)).andReturn();
              assertThat(first.getResponse().getStatus()).isEqualTo(200);
              assertThat(second.getResponse().getStatus()).isEqualTo(200);
              assertThat(fulfilled).hasValue(1);
              assertThat(payments.find(idOp).orElseThrow().state()).isEqualTo(PaymentState.PAID);
            });
  }

  @Test
  void notification_whenIdOpMissingOrUnknown_isRefusedWithoutFulfilment() {
    runner()
        .run(
            context -> {
              MockMvc mvc = mvc(context);
              assertThat(
                      mvc.perform(post("/payfip/notification"))
                          .andReturn()
                          .getResponse()
                          .getStatus())
                  .isEqualTo(400);
              assertThat(
                      mvc.perform(
                              post("/payfip/notification")
                                  .param("idop", UUID.randomUUID().toString()))
                          .andReturn()
                          .getResponse()
                          .getStatus())
                  .isIn(404, 400);
              assertThat(fulfilled).hasValue(0);
            });
  }

  @Test
  void return_asCrossSitePost_settlesAndRedirectsByGet() {
    runner()
        .run(
            context -> {
              Payments payments = context.getBean(Payments.class);
              String idOp =
                  payments
                      .create(new Debt("FACT" + System.nanoTime(), 900, "Piscine", "p@example.fr"))
                      .idOp();
              payfip.complete(idOp, Outcome.CARD_PAID);
              MvcResult r =
                  mvc(context).perform(post("/payfip/return").param("idop", idOp)).andReturn();
              assertThat(r.getResponse().getStatus()).isEqualTo(303);
              assertThat(r.getResponse().getHeader("Location")).isEqualTo("/invoices?idop=" + idOp);
              assertThat(fulfilled).hasValue(1);
            });
  }

  @Test
  void otherPaths_stillGoThroughTheApplicationsSecurity() {
    runner()
        .run(
            context ->
                assertThat(
                        mvc(context).perform(post("/other")).andReturn().getResponse().getStatus())
                    .isEqualTo(403));
  }

  @Test
  void registration_runsBeforeSpringSecuritysFilter() {
    runner()
        .run(
            context ->
                assertThat(
                        context
                            .getBean(
                                SoclePaymentWebAutoConfiguration.FILTER_BEAN,
                                FilterRegistrationBean.class)
                            .getOrder())
                    .isLessThan(-100));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebSecurity
  static class SecuredApp {}
}
