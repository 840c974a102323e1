package fr.socle.examples.demo.web;

/**
 * A link of the portal's main menu.
 *
 * @param path the absolute path, for example {@code /communes}
 * @param label the French label
 * @param needsCitizen whether the link is shown only to a signed-in citizen
 */
public record NavEntry(String path, String label, boolean needsCitizen) {}
