package fr.socle.examples.demo.identity;

import fr.socle.core.SocleException;
import fr.socle.examples.demo.web.Citizen;
import fr.socle.examples.demo.web.Layout;
import fr.socle.identity.Identity;
import fr.socle.identity.LoginCancelledException;
import fr.socle.identity.servlet.IdentityCallback;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * What the portal does at each step of a FranceConnect login: opens the citizen's session on
 * success, explains a failure in French without opening anything, and ends both sessions (the
 * portal's and the provider's) on logout.
 */
final class PortalIdentityCallback implements IdentityCallback {
  /** Session attribute holding the verified identity (and its ID token, for logout). */
  static final String IDENTITY = "fr.socle.demo.identity";

  private final Layout layout;

  PortalIdentityCallback(Layout layout) {
    this.layout = layout;
  }

  @Override
  public void onLogin(Identity identity, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    layout.signIn(
        request,
        new Citizen(identity.subject(), displayName(identity), identity.email().orElse("")));
    request.getSession().setAttribute(IDENTITY, identity);
    response.sendRedirect("/espace");
  }

  @Override
  public void onLoginFailure(
      SocleException error, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // The cause is logged by the servlet (without tokens); the citizen gets a plain explanation
    // and no session: a doubtful identity is no identity.
    if (error instanceof LoginCancelledException) {
      layout.error(
          request,
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "Vous avez annulé la connexion avec FranceConnect. Vous n'êtes pas connecté.");
    } else {
      layout.error(
          request,
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "La connexion avec FranceConnect a échoué : la réponse du fournisseur d'identité n'a pas"
              + " pu être vérifiée. Vous n'êtes pas connecté. Veuillez réessayer.");
    }
  }

  @Override
  public Optional<String> onLogout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Optional<String> idToken =
        session != null && session.getAttribute(IDENTITY) instanceof Identity identity
            ? Optional.of(identity.idToken())
            : Optional.empty();
    layout.signOut(request);
    return idToken;
  }

  @Override
  public void onLogoutComplete(
      boolean confirmed, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    layout.flash(
        request, "success", "Vous êtes déconnecté de la Mairie de Démo et de FranceConnect.");
    response.sendRedirect("/");
  }

  static String displayName(Identity identity) {
    String given = String.join(" ", identity.givenNames());
    String family = identity.usualName().or(identity::familyName).orElse("");
    String name = (given + " " + family).strip();
    return name.isEmpty() ? "Citoyen connecté" : name;
  }
}
