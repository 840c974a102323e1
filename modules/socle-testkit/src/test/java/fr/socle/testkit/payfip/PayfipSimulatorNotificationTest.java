package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayfipSimulatorNotificationTest {
  static final String NUMCLI = "123456";
  PayfipSimulator sim;
  RawSoap soap;
  NotificationReceiver merchant;

  @BeforeEach
  void start() throws Exception {
    sim = PayfipSimulator.builder().numcli(NUMCLI).start();
    soap = new RawSoap(sim.soapEndpoint());
    merchant = new NotificationReceiver();
  }

  @AfterEach
  void stop() {
    sim.close();
    merchant.close();
  }

  private String create() throws Exception {
    Map<String, String> f = RawSoap.creerFields(NUMCLI, "FACT000042", "2350");
    f.put("urlnotif", merchant.url().toString());
    f.put("urlredirect", "https://portail.example.org/retour");
    return soap.createIdOp(f);
  }

  @Test
  void dropNotification_whenActive_onlyTheBrowserComesBack() throws Exception {
    sim.misbehave(Misbehaviour.dropNotification());
    String idOp = create();

    Completion c = sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(c.redirect()).isPresent();
    assertThat(c.notifications()).isEmpty();
    assertThat(merchant.received).isEmpty();
    assertThat(sim.notifications()).isEmpty();
    // The result is there all the same: only a lookup finds it.
    assertThat(RawSoap.returned(RawSoap.parse(soap.detail(idOp).body())))
        .containsEntry("resultrans", "P");
  }

  @Test
  void delayNotification_whenActive_redirectsFirstAndNotifiesLater() throws Exception {
    sim.misbehave(Misbehaviour.delayNotification(Duration.ofMillis(300)));
    String idOp = create();

    Completion c = sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(c.redirect()).isPresent();
    assertThat(c.notifications()).isEmpty();
    assertThat(sim.awaitNotifications(1, Duration.ofSeconds(10)))
        .singleElement()
        .satisfies(n -> assertThat(n.delivered()).isTrue());
    assertThat(merchant.received)
        .singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo("idop=" + idOp));
  }

  @Test
  void duplicateNotification_whenActive_sendsAllCopiesConcurrently() throws Exception {
    sim.misbehave(Misbehaviour.duplicateNotification(50));
    String idOp = create();

    Completion c = sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(c.notifications()).hasSize(50).allMatch(NotificationAttempt::delivered);
    assertThat(merchant.received).hasSize(50).allMatch(r -> r.body().equals("idop=" + idOp));
  }

  @Test
  void notificationParameter_whenCamelCase_sendsIdOp() throws Exception {
    sim.misbehave(Misbehaviour.notificationParameter("idOp"));
    String idOp = create();

    sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(merchant.received)
        .singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo("idOp=" + idOp));
  }

  @Test
  void notificationByGet_whenActive_putsIdopInTheQueryString() throws Exception {
    sim.misbehave(Misbehaviour.notificationByGet(), Misbehaviour.notificationParameter("IdOp"));
    String idOp = create();

    sim.complete(idOp, Outcome.ABANDONED);

    assertThat(merchant.received)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.rawQuery()).isEqualTo("IdOp=" + idOp);
              assertThat(r.body()).isEmpty();
            });
    assertThat(sim.notifications())
        .singleElement()
        .satisfies(n -> assertThat(n.method()).isEqualTo("GET"));
  }

  @Test
  void misbehaviour_limitedToOnce_appliesToTheNextPaymentOnly() throws Exception {
    sim.misbehave(Misbehaviour.dropNotification().times(1));
    String first = create();
    String second = create();

    sim.complete(first, Outcome.CARD_PAID);
    sim.complete(second, Outcome.CARD_PAID);

    assertThat(merchant.received)
        .singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo("idop=" + second));
  }

  @Test
  void behave_stopsEveryMisbehaviour() throws Exception {
    sim.misbehave(Misbehaviour.dropNotification(), Misbehaviour.badGateway());
    sim.behave();
    String idOp = create();

    sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(merchant.received).hasSize(1);
    assertThat(sim.misbehaviours()).isEmpty();
  }

  @Test
  void notification_whenMerchantUnreachable_isLoggedAsFailedAndNotRetried() throws Exception {
    Map<String, String> f = RawSoap.creerFields(NUMCLI, "FACT000042", "2350");
    f.put("urlnotif", "http://127.0.0.1:1/notif");
    String idOp = soap.createIdOp(f);

    Completion c = sim.complete(idOp, Outcome.CARD_PAID);

    assertThat(c.notifications())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.delivered()).isFalse();
              assertThat(n.status()).isEmpty();
              assertThat(n.error()).isPresent();
            });
    assertThat(c.redirect()).isPresent();
  }

  @Test
  void notifications_forManyPayments_areAllLoggedWithTheirIdOp() throws Exception {
    String a = create();
    String b = create();

    sim.complete(a, Outcome.CARD_PAID);
    sim.complete(b, Outcome.DIRECT_DEBIT_REFUSED);

    assertThat(
            sim.notifications().stream()
                .map(NotificationAttempt::idOp)
                .collect(Collectors.toList()))
        .containsExactly(a, b);
  }
}
