package fr.socle.spring.boot.autoconfigure;

import fr.socle.payment.Saisie;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code socle.payment.*}: PayFiP payments. The block is on as soon as {@code socle.payment.numcli}
 * is set. Not thread-safe while Spring binds it; read-only after.
 */
@ConfigurationProperties("socle.payment")
public class SoclePaymentProperties {

  /** The collectivity's PayFiP client number (6 digits) given by the DGFiP. */
  private String numcli;

  /**
   * Payment mode: TEST, ACTIVATION or PRODUCTION. Required: a wrong default would take real money
   * or none.
   */
  private Saisie saisie;

  /** PayFiP's web service URL. Defaults to the DGFiP production service. */
  private URI endpoint;

  /** PayFiP's payment page URL. Defaults to the DGFiP production page. */
  private URI paymentPage;

  /** Public URL PayFiP calls server-to-server when a payment ends; served by the starter. */
  private URI notificationUrl;

  /** Public URL the payer's browser comes back to; served by the starter. */
  private URI returnUrl;

  /** Where the payer's browser is sent after the return, with ?idop=... added. */
  private String afterReturnUrl = "/";

  /** Interval of the background reconciliation of unsettled payments; zero turns it off. */
  private Duration reconcileEvery = Duration.ofMinutes(5);

  /** Age after which a payment nobody heard of is expired. Defaults to 20 minutes. */
  private Duration pendingTimeout;

  /** Creates the properties; Spring Boot binds them. */
  public SoclePaymentProperties() {}

  /**
   * Returns the setting: the collectivity's PayFiP client number (6 digits) given by the DGFiP.
   *
   * @return the value, or null when not set
   */
  public String getNumcli() {
    return numcli;
  }

  /**
   * Sets the setting: the collectivity's PayFiP client number (6 digits) given by the DGFiP.
   *
   * @param numcli the value
   */
  public void setNumcli(String numcli) {
    this.numcli = numcli;
  }

  /**
   * Returns the setting: payment mode: TEST, ACTIVATION or PRODUCTION. Required: a wrong default
   * would take real money or none.
   *
   * @return the value, or null when not set
   */
  public Saisie getSaisie() {
    return saisie;
  }

  /**
   * Sets the setting: payment mode: TEST, ACTIVATION or PRODUCTION. Required: a wrong default would
   * take real money or none.
   *
   * @param saisie the value
   */
  public void setSaisie(Saisie saisie) {
    this.saisie = saisie;
  }

  /**
   * Returns the setting: payFiP's web service URL. Defaults to the DGFiP production service.
   *
   * @return the value, or null when not set
   */
  public URI getEndpoint() {
    return endpoint;
  }

  /**
   * Sets the setting: payFiP's web service URL. Defaults to the DGFiP production service.
   *
   * @param endpoint the value
   */
  public void setEndpoint(URI endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Returns the setting: payFiP's payment page URL. Defaults to the DGFiP production page.
   *
   * @return the value, or null when not set
   */
  public URI getPaymentPage() {
    return paymentPage;
  }

  /**
   * Sets the setting: payFiP's payment page URL. Defaults to the DGFiP production page.
   *
   * @param paymentPage the value
   */
  public void setPaymentPage(URI paymentPage) {
    this.paymentPage = paymentPage;
  }

  /**
   * Returns the setting: public URL PayFiP calls server-to-server when a payment ends; served by
   * the starter.
   *
   * @return the value, or null when not set
   */
  public URI getNotificationUrl() {
    return notificationUrl;
  }

  /**
   * Sets the setting: public URL PayFiP calls server-to-server when a payment ends; served by the
   * starter.
   *
   * @param notificationUrl the value
   */
  public void setNotificationUrl(URI notificationUrl) {
    this.notificationUrl = notificationUrl;
  }

  /**
   * Returns the setting: public URL the payer's browser comes back to; served by the starter.
   *
   * @return the value, or null when not set
   */
  public URI getReturnUrl() {
    return returnUrl;
  }

  /**
   * Sets the setting: public URL the payer's browser comes back to; served by the starter.
   *
   * @param returnUrl the value
   */
  public void setReturnUrl(URI returnUrl) {
    this.returnUrl = returnUrl;
  }

  /**
   * Returns the setting: interval of the background reconciliation of unsettled payments; zero
   * turns it off.
   *
   * @return the value, or null when not set
   */
  public Duration getReconcileEvery() {
    return reconcileEvery;
  }

  /**
   * Sets the setting: interval of the background reconciliation of unsettled payments; zero turns
   * it off.
   *
   * @param reconcileEvery the value
   */
  public void setReconcileEvery(Duration reconcileEvery) {
    this.reconcileEvery = reconcileEvery;
  }

  /**
   * Returns the setting: age after which a payment nobody heard of is expired. Defaults to 20
   * minutes.
   *
   * @return the value, or null when not set
   */
  public Duration getPendingTimeout() {
    return pendingTimeout;
  }

  /**
   * Sets the setting: age after which a payment nobody heard of is expired. Defaults to 20 minutes.
   *
   * @param pendingTimeout the value
   */
  public void setPendingTimeout(Duration pendingTimeout) {
    this.pendingTimeout = pendingTimeout;
  }

  /**
   * Returns where the payer's browser goes after the return.
   *
   * @return a path
   */
  public String getAfterReturnUrl() {
    return afterReturnUrl;
  }

  /**
   * Sets where the payer's browser goes after the return.
   *
   * @param afterReturnUrl a path starting with '/'
   */
  public void setAfterReturnUrl(String afterReturnUrl) {
    this.afterReturnUrl = afterReturnUrl;
  }
}
