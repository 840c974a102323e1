package fr.socle.examples.demo.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the portal's style sheet and script from the jar. The set of files is fixed, so no path
 * from the request ever reaches the class loader; nothing is fetched from the internet.
 */
public final class StaticServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final Map<String, String> TYPES =
      Map.of(
          "/portal.css", "text/css;charset=utf-8",
          "/portal.js", "text/javascript;charset=utf-8");

  private final transient Map<String, byte[]> files;

  /** Loads the files once. */
  public StaticServlet() {
    this.files = Map.of("/portal.css", load("portal.css"), "/portal.js", load("portal.js"));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String name = request.getPathInfo();
    byte[] body = name == null ? null : files.get(name);
    if (body == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setContentType(TYPES.get(name));
    response.setHeader("Cache-Control", "public, max-age=300");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static byte[] load(String name) {
    try (InputStream in = StaticServlet.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource static/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
