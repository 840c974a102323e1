package fr.socle.examples.demo.communes;

/**
 * One autocompletion suggestion, as {@code portal.js} reads it.
 *
 * @param label the commune's name
 * @param detail what tells homonyms apart (type, département)
 * @param href the commune's page
 */
public record CommuneSuggestion(String label, String detail, String href) {}
