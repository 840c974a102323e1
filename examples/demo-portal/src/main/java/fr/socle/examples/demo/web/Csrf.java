package fr.socle.examples.demo.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer tokens for the portal's forms: every state-changing POST carries the session's token
 * in a hidden field, so another site cannot make a signed-in citizen's browser pay, upload or sign
 * out. The session cookie is also {@code SameSite=Lax}; the token covers older browsers.
 */
public final class Csrf {
  /** Name of the hidden form field. */
  public static final String FIELD = "_csrf";

  private static final String ATTRIBUTE = "fr.socle.demo.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {}

  /**
   * Returns the session's token, creating the session and the token if needed.
   *
   * @param request the current request
   * @return the token
   */
  public static String token(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    synchronized (session) {
      String token = (String) session.getAttribute(ATTRIBUTE);
      if (token == null) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, token);
      }
      return token;
    }
  }

  /**
   * Returns the hidden input to put in a form.
   *
   * @param request the current request
   * @return the input element
   */
  public static Html field(HttpServletRequest request) {
    return Html.of("<input type=\"hidden\" name=\"{}\" value=\"{}\">", FIELD, token(request));
  }

  /**
   * Tells whether a POST carries the session's token. For multipart requests the caller passes the
   * field it read from the parts.
   *
   * @param request the current request
   * @param submitted the submitted token, or null
   * @return true only if the session exists and the tokens are equal
   */
  public static boolean isValid(HttpServletRequest request, String submitted) {
    HttpSession session = request.getSession(false);
    if (session == null || submitted == null) {
      return false;
    }
    Object expected = session.getAttribute(ATTRIBUTE);
    return expected instanceof String token
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.US_ASCII),
            submitted.getBytes(StandardCharsets.US_ASCII));
  }
}
