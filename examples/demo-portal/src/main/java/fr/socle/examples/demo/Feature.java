package fr.socle.examples.demo;

import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * One block of Socle as the portal shows it: its pages, its card on the home page, and what it says
 * at start-up. Each feature owns the clients (and simulators) it built and closes them.
 */
public interface Feature extends AutoCloseable {
  /**
   * Adds the feature's servlets and menu links.
   *
   * @param context the portal's servlet context
   * @param layout the page frame
   */
  void register(ServletContextHandler context, Layout layout);

  /**
   * Returns the feature's card on the home page.
   *
   * @param request the current request
   * @return the card, or empty markup
   */
  Html homeCard(HttpServletRequest request);

  /**
   * Returns the lines printed at start-up: what runs, where, simulator or real service.
   *
   * @return French lines, without secrets
   */
  List<String> describe();

  /**
   * Called once the portal serves pages: a place to load data or warm caches in the background
   * without delaying start-up.
   */
  default void started() {}

  /** Stops what the feature started; failures are logged, not thrown. */
  @Override
  default void close() {}
}
