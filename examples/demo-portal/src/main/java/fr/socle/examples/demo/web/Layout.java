package fr.socle.examples.demo.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Renders the portal's pages in a common frame (header with the State's block mark, main menu,
 * footer) and holds what every page needs from the session: the signed-in citizen and one-shot
 * messages.
 *
 * <p>Thread-safe: the menu is filled while the portal starts, then only read.
 */
public final class Layout {
  private static final String CITIZEN = "fr.socle.demo.citizen";
  private static final String FLASH = "fr.socle.demo.flash";

  private final List<NavEntry> nav = new CopyOnWriteArrayList<>();
  private volatile String logoutPath;

  /**
   * Adds a link to the main menu.
   *
   * @param entry the link
   */
  public void addNav(NavEntry entry) {
    nav.add(entry);
  }

  /**
   * Returns the main menu's links, in order.
   *
   * @return the links
   */
  public List<NavEntry> nav() {
    return List.copyOf(nav);
  }

  /**
   * Turns sign-in on: pages that need a citizen then require one, and the header shows a sign-out
   * button posting to the given path.
   *
   * @param path the sign-out endpoint
   */
  public void enableSignIn(String path) {
    this.logoutPath = path;
  }

  /**
   * Tells whether citizens can sign in on this portal.
   *
   * @return true once an identity provider is wired
   */
  public boolean signInEnabled() {
    return logoutPath != null;
  }

  /**
   * Returns the signed-in citizen.
   *
   * @param request the current request
   * @return the citizen, or empty
   */
  public Optional<Citizen> citizen(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null
        ? Optional.empty()
        : Optional.ofNullable((Citizen) session.getAttribute(CITIZEN));
  }

  /**
   * Opens the citizen's session. The servlet session id is changed first, so that an id planted
   * before sign-in (session fixation) is worth nothing after it.
   *
   * @param request the current request
   * @param citizen who signed in
   */
  public void signIn(HttpServletRequest request, Citizen citizen) {
    request.getSession(true);
    request.changeSessionId();
    request.getSession().setAttribute(CITIZEN, citizen);
  }

  /**
   * Closes the citizen's session.
   *
   * @param request the current request
   */
  public void signOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }

  /**
   * Returns the citizen a page that needs one should serve. When sign-in is enabled and nobody is
   * signed in, answers with a redirect to the home page and returns empty. When the portal has no
   * identity provider at all, everyone is the same anonymous visitor.
   *
   * @param request the current request
   * @param response the response, redirected if needed
   * @return the citizen, or empty if the response was already sent
   * @throws IOException if the redirect fails
   */
  public Optional<Citizen> requireCitizen(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!signInEnabled()) {
      return Optional.of(new Citizen("visiteur", "Visiteur", ""));
    }
    Optional<Citizen> citizen = citizen(request);
    if (citizen.isEmpty()) {
      flash(request, "info", "Connectez-vous avec FranceConnect pour accéder à ce service.");
      response.sendRedirect("/");
    }
    return citizen;
  }

  /**
   * Keeps a message to show at the top of the next page.
   *
   * @param request the current request
   * @param level {@code info}, {@code success} or {@code error}
   * @param message the French text
   */
  public void flash(HttpServletRequest request, String level, String message) {
    request.getSession(true).setAttribute(FLASH, new String[] {level, message});
  }

  /**
   * Writes a full page.
   *
   * @param request the current request
   * @param response the response
   * @param title the page title (also its {@code h1})
   * @param body the content under the title
   * @throws IOException if writing fails
   */
  public void page(
      HttpServletRequest request, HttpServletResponse response, String title, Html body)
      throws IOException {
    page(request, response, HttpServletResponse.SC_OK, title, body);
  }

  /**
   * Writes a full page with a given status.
   *
   * @param request the current request
   * @param response the response
   * @param status the HTTP status
   * @param title the page title (also its {@code h1})
   * @param body the content under the title
   * @throws IOException if writing fails
   */
  public void page(
      HttpServletRequest request, HttpServletResponse response, int status, String title, Html body)
      throws IOException {
    Optional<Citizen> citizen = citizen(request);
    Html html =
        Html.of(
            """
            <!doctype html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{} — Mairie de Démo</title>
            <link rel="stylesheet" href="/static/portal.css">
            <script src="/static/portal.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#contenu">Aller au contenu</a>
            <header class="header" role="banner">
            <div class="container header__body">
            <div class="brand">
            <p class="brand__logo">République<br>Française</p>
            <div class="brand__service">
            <a class="brand__title" href="/" title="Accueil — Mairie de Démo">Mairie de Démo</a>
            <p class="brand__tagline">Portail citoyen de démonstration de Socle</p>
            </div>
            </div>
            <div class="header__tools">{}</div>
            </div>
            <nav class="nav" aria-label="Menu principal"><div class="container"><ul>{}</ul></div></nav>
            </header>
            <main id="contenu" class="container main" role="main">
            {}<h1>{}</h1>
            {}
            </main>
            <footer class="footer" role="contentinfo"><div class="container">
            <p class="brand__logo brand__logo--small">République<br>Française</p>
            <p>Mairie de Démo est un site de démonstration : aucune démarche réelle n'y est faite.
            Les services d'identité et de paiement sont des simulateurs, sauf configuration contraire.</p>
            <ul class="footer__links"><li><a href="/a-propos">À propos de cette démonstration</a></li></ul>
            </div></footer>
            </body>
            </html>
            """,
            title,
            tools(request, citizen),
            menu(request, citizen),
            flashMessage(request),
            title,
            body);
    byte[] bytes = html.value().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /**
   * Writes an error page.
   *
   * @param request the current request
   * @param response the response
   * @param status the HTTP status
   * @param message what went wrong, in French, without any secret or personal datum
   * @throws IOException if writing fails
   */
  public void error(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    page(
        request,
        response,
        status,
        "Une erreur est survenue",
        Html.of(
            "<div class=\"alert alert--error\" role=\"alert\"><p>{}</p></div>"
                + "<p><a class=\"button\" href=\"/\">Retour à l'accueil</a></p>",
            message));
  }

  private Html tools(HttpServletRequest request, Optional<Citizen> citizen) {
    if (citizen.isEmpty() || logoutPath == null) {
      return Html.EMPTY;
    }
    return Html.of(
        "<p class=\"header__user\">{}</p>"
            + "<form method=\"post\" action=\"{}\">{}"
            + "<button type=\"submit\" class=\"button button--secondary\" id=\"logout\">"
            + "Se déconnecter</button></form>",
        citizen.get().displayName(),
        logoutPath,
        Csrf.field(request));
  }

  private Html menu(HttpServletRequest request, Optional<Citizen> citizen) {
    List<Html> items = new ArrayList<>();
    items.add(link(request, "/", "Accueil"));
    for (NavEntry entry : nav) {
      if (!entry.needsCitizen() || citizen.isPresent() || !signInEnabled()) {
        items.add(link(request, entry.path(), entry.label()));
      }
    }
    return Html.join(items);
  }

  private static Html link(HttpServletRequest request, String path, String label) {
    boolean current =
        path.equals("/")
            ? request.getRequestURI().equals("/")
            : request.getRequestURI().startsWith(path);
    return Html.of(
        "<li><a href=\"{}\"{}>{}</a></li>",
        path,
        current ? new Html(" aria-current=\"page\"") : Html.EMPTY,
        label);
  }

  private static Html flashMessage(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(FLASH) instanceof String[] flash)) {
      return Html.EMPTY;
    }
    session.removeAttribute(FLASH);
    return Html.of(
        "<div class=\"alert alert--{}\" role=\"{}\"><p>{}</p></div>",
        flash[0],
        "error".equals(flash[0]) ? "alert" : "status",
        flash[1]);
  }
}
