package fr.socle.testkit.franceconnect;

import java.util.List;

/** The simulator's HTML pages, in French like the real service. */
final class Html {
  private Html() {}

  static String errorPage(String code, String message) {
    return page(
        "Erreur - FranceConnect",
        "<h1>Une erreur s'est produite</h1>\n"
            + "<p class=\"error-code\">Code erreur : <strong id=\"error-code\">"
            + escape(code)
            + "</strong></p>\n<p id=\"error-message\">"
            + escape(message)
            + "</p>\n<p>Si le problème persiste, contactez le service que vous essayez d'utiliser.</p>");
  }

  static String technicalError() {
    return page(
        "Erreur technique",
        "<h1>Une erreur technique est survenue</h1>\n<p>Code erreur : Y000000</p>");
  }

  static String loggedOut() {
    return page("Déconnexion", "<h1>Vous êtes bien déconnecté</h1>");
  }

  static String identityPage(
      Flavour flavour, String interactionPath, String clientLabel, List<? extends TestUser> users) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>")
        .append(flavour == Flavour.PROCONNECT ? "ProConnect" : "FranceConnect")
        .append(" (simulateur)</h1>\n<p>Le service <strong>")
        .append(escape(clientLabel))
        .append("</strong> demande votre identité. Choisissez une identité de test :</p>\n")
        .append("<form method=\"post\" action=\"")
        .append(escape(interactionPath))
        .append("/login\">\n<ul>\n");
    boolean first = true;
    for (TestUser user : users) {
      body.append("<li><label><input type=\"radio\" name=\"login\" value=\"")
          .append(escape(user.login()))
          .append('"')
          .append(first ? " checked" : "")
          .append("> <code>")
          .append(escape(user.login()))
          .append("</code> — ")
          .append(escape(user.label()))
          .append("</label></li>\n");
      first = false;
    }
    body.append("</ul>\n<button type=\"submit\">Continuer</button>\n</form>\n")
        .append("<form method=\"post\" action=\"")
        .append(escape(interactionPath))
        .append("/abort\">\n<button type=\"submit\">Revenir sur le service</button>\n</form>");
    return page("Choix de l'identité", body.toString());
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head>\n<body>\n"
        + body
        + "\n</body>\n</html>\n";
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
