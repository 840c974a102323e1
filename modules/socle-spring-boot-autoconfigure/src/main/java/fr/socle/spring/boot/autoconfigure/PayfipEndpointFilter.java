package fr.socle.spring.boot.autoconfigure;

import fr.socle.core.SocleException;
import fr.socle.payment.Payments;
import fr.socle.payment.UnknownPaymentException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * PayFiP's notification and the payer's return, served before Spring Security's filter chain.
 *
 * <p>Both are exempt from CSRF by construction: the notification is a server-to-server call that
 * carries only an operation id and no signature (payfip.md §1.7), and the return may be a
 * cross-site POST without the session cookie. Neither trusts what it receives: {@link Payments}
 * asks PayFiP what happened and changes the state exactly once, whatever the number of calls.
 */
final class PayfipEndpointFilter extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(PayfipEndpointFilter.class);

  private final Payments payments;
  private final String notificationPath;
  private final String returnPath;
  private final String afterReturnUrl;

  PayfipEndpointFilter(
      Payments payments, String notificationPath, String returnPath, String afterReturnUrl) {
    this.payments = payments;
    this.notificationPath = notificationPath;
    this.returnPath = returnPath;
    this.afterReturnUrl = afterReturnUrl;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(notificationPath)) {
      notification(request, response);
    } else if (path.equals(returnPath)) {
      payerReturn(request, response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private void notification(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> idOp = Payments.idOpFrom(request.getParameterMap());
    if (idOp.isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    try {
      payments.onNotification(idOp.get());
      response.setStatus(HttpServletResponse.SC_OK);
    } catch (UnknownPaymentException e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    } catch (SocleException e) {
      // PayFiP may not call again; the scheduled reconciliation will ask.
      LOG.warn("PayFiP notification not processed now: {}", e.getClass().getSimpleName());
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }

  private void payerReturn(HttpServletRequest request, HttpServletResponse response) {
    Optional<String> idOp = Payments.idOpFrom(request.getParameterMap());
    String location = request.getContextPath() + afterReturnUrl;
    if (idOp.isPresent()) {
      try {
        payments.onReturn(idOp.get());
      } catch (SocleException e) {
        LOG.debug("PayFiP return not settled now: {}", e.getClass().getSimpleName());
      }
      location +=
          (afterReturnUrl.contains("?") ? "&" : "?")
              + "idop="
              + URLEncoder.encode(idOp.get(), StandardCharsets.UTF_8);
    }
    // 303: the browser comes back by GET whatever method PayFiP used.
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", location);
  }
}
