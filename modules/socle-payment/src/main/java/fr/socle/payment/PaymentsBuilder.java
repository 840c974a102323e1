package fr.socle.payment;

import fr.socle.core.InvalidInputException;
import fr.socle.payment.Payments.Builder;
import fr.socle.payment.payfip.PayfipClient;
import fr.socle.payment.payfip.PayfipPaymentRequest;
import fr.socle.payment.spi.PaymentLedger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link Payments} being built; see {@link Payments.Builder}. Not thread-safe.
 */
final class PaymentsBuilder implements Payments.Builder {
  PayfipClient client;
  PaymentLedger ledger;
  String numcli;
  URI notificationUrl;
  URI returnUrl;
  Saisie saisie;
  PaymentListener listener;
  Clock clock = Clock.systemUTC();
  Duration pendingTimeout = Payments.DEFAULT_PENDING_TIMEOUT;
  Duration reconcileAfter = Payments.DEFAULT_RECONCILE_AFTER;
  int reconcileBatch = 500;
  Duration fulfilmentLease = Payments.DEFAULT_FULFILMENT_LEASE;
  Duration fulfilmentRecordDelay = Payments.DEFAULT_FULFILMENT_RECORD_DELAY;
  Duration reconcileEvery;
  Duration reconcileDeadline = Payments.DEFAULT_RECONCILE_DEADLINE;
  Duration recheckWindow = Payments.DEFAULT_RECHECK_WINDOW;

  @Override
  public Builder client(PayfipClient client) {
    this.client = Objects.requireNonNull(client, "client");
    return this;
  }

  @Override
  public Builder ledger(PaymentLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    return this;
  }

  @Override
  public Builder numcli(String numcli) {
    this.numcli = PayfipPaymentRequest.requireNumcli(numcli);
    return this;
  }

  @Override
  public Builder notificationUrl(URI url) {
    Objects.requireNonNull(url, "url");
    this.notificationUrl = PayfipPaymentRequest.requireUrl(url, "notification URL");
    return this;
  }

  @Override
  public Builder returnUrl(URI url) {
    Objects.requireNonNull(url, "url");
    this.returnUrl = PayfipPaymentRequest.requireUrl(url, "return URL");
    return this;
  }

  @Override
  public Builder saisie(Saisie saisie) {
    this.saisie = Objects.requireNonNull(saisie, "saisie");
    return this;
  }

  @Override
  public Builder listener(PaymentListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  @Override
  public Builder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public Builder pendingTimeout(Duration timeout) {
    this.pendingTimeout = positive(Objects.requireNonNull(timeout, "timeout"), "pending timeout");
    return this;
  }

  @Override
  public Builder reconcileAfter(Duration age) {
    Objects.requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new InvalidInputException("reconciliation age must be zero or positive");
    }
    this.reconcileAfter = age;
    return this;
  }

  @Override
  public Builder reconcileBatch(int batch) {
    if (batch < 1) {
      throw new InvalidInputException("reconciliation batch must be positive");
    }
    this.reconcileBatch = batch;
    return this;
  }

  @Override
  public Builder fulfilmentLease(Duration lease) {
    this.fulfilmentLease = positive(Objects.requireNonNull(lease, "lease"), "fulfilment lease");
    return this;
  }

  @Override
  public Builder fulfilmentRecordDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.compareTo(Payments.MAX_FULFILMENT_RECORD_DELAY) > 0) {
      throw new InvalidInputException("fulfilment record delay must be between 0 and 1 second");
    }
    this.fulfilmentRecordDelay = delay;
    return this;
  }

  @Override
  public Builder reconcileEvery(Duration interval) {
    this.reconcileEvery =
        positive(Objects.requireNonNull(interval, "interval"), "reconciliation interval");
    return this;
  }

  @Override
  public Builder recheckWindow(Duration window) {
    this.recheckWindow = positive(Objects.requireNonNull(window, "window"), "re-check window");
    return this;
  }

  @Override
  public Builder reconcileDeadline(Duration deadline) {
    this.reconcileDeadline =
        positive(Objects.requireNonNull(deadline, "deadline"), "reconciliation deadline");
    return this;
  }

  @Override
  public Payments build() {
    if (fulfilmentRecordDelay.compareTo(fulfilmentLease) >= 0) {
      throw new InvalidInputException("fulfilment record delay must be shorter than the lease");
    }
    return new Payments(this);
  }

  private static Duration positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidInputException(what + " must be positive");
    }
    return d;
  }

  /** A required setting missing at build(): the same error type in every Socle builder. */
  static <T> T required(T value, String setting) {
    if (value == null) {
      throw new InvalidInputException(setting + " is required: call " + setting + "(...)");
    }
    return value;
  }
}
