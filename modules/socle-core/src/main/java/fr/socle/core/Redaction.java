package fr.socle.core;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns values that may carry secrets or personal data into text safe for logs and exception
 * messages.
 *
 * <p>OAuth codes, states, PayFiP operation ids and citizens' e-mail addresses travel in query
 * strings; tokens are bearer credentials. None of them may be logged. Every Socle block passes URLs
 * and tokens through this class before writing them anywhere.
 *
 * <pre>{@code
 * log.debug("calling {}", Redaction.url(uri));   // https://host/path?code=***&state=***
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Redaction {
  private static final String MASK = "***";

  private Redaction() {}

  /**
   * Keeps scheme, host, port and path of a URL and masks every query parameter value, the fragment
   * and any user-info.
   *
   * @param url the URL, possibly null or malformed
   * @return a loggable form; {@code "<malformed url>"} if it cannot be parsed, {@code "null"} for
   *     null
   */
  public static String url(String url) {
    if (url == null) {
      return "null";
    }
    try {
      return url(new URI(url));
    } catch (URISyntaxException e) {
      return "<malformed url>";
    }
  }

  /**
   * Same as {@link #url(String)} for a parsed URI.
   *
   * @param uri the URI, possibly null
   * @return a loggable form
   */
  public static String url(URI uri) {
    if (uri == null) {
      return "null";
    }
    if (uri.isOpaque()) {
      return uri.getScheme() + ":" + MASK;
    }
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      if (uri.getRawUserInfo() != null) {
        sb.append(MASK).append('@');
      }
      sb.append(uri.getHost());
      if (uri.getPort() >= 0) {
        sb.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    String query = uri.getRawQuery();
    if (query != null) {
      sb.append('?');
      String[] pairs = query.split("&", -1);
      for (int i = 0; i < pairs.length; i++) {
        if (i > 0) {
          sb.append('&');
        }
        int eq = pairs[i].indexOf('=');
        sb.append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq)).append('=').append(MASK);
      }
    }
    if (uri.getRawFragment() != null) {
      sb.append('#').append(MASK);
    }
    return sb.toString();
  }

  /**
   * Describes a token without revealing it: only its length is kept, which is enough to tell an
   * empty or truncated token from a plausible one.
   *
   * @param token an access token, ID token, code or any credential; possibly null
   * @return for example {@code "<token: 658 chars>"}
   */
  public static String token(CharSequence token) {
    return token == null ? "<no token>" : "<token: " + token.length() + " chars>";
  }

  /**
   * Masks an e-mail address, keeping its domain (useful to tell which provider an address is on).
   *
   * @param email the address, possibly null or malformed
   * @return for example {@code "***@example.fr"}
   */
  public static String email(String email) {
    if (email == null) {
      return "null";
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? MASK : MASK + email.substring(at);
  }

  /**
   * Makes a text received from a peer (an error label, a fault string) safe to copy into a log or
   * an exception message: every control character, Unicode line or paragraph separator (U+2028,
   * U+2029, U+0085), format character (bidirectional overrides and isolates such as U+202E, zero
   * width characters) and unpaired surrogate becomes a space, and the result is cut to {@code
   * maxChars}. A peer can thus neither forge a log line nor reorder what an operator reads.
   *
   * @param text the peer's text, possibly null
   * @param maxChars the longest result, positive
   * @return the printable text; empty for null
   */
  public static String peerText(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), maxChars));
    for (int i = 0; i < text.length() && sb.length() < maxChars; ) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      if (unsafeInText(cp) || sb.length() + n > maxChars) {
        sb.append(' ');
      } else {
        sb.appendCodePoint(cp);
      }
      i += n;
    }
    return sb.toString();
  }

  private static boolean unsafeInText(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
      case Character.PRIVATE_USE:
        return true;
      default:
        return false;
    }
  }
}
