package fr.socle.examples.demo.web;

import java.util.Objects;

/**
 * A fragment of HTML that is safe to write to a page. Text from anywhere else (the citizen, an
 * identity provider, a file name) only becomes HTML through {@link #text(String)} or as an argument
 * of {@link #of(String, Object...)}, which escape it; so a page cannot forget to escape.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the markup
 */
public record Html(String value) {
  /** The empty fragment. */
  public static final Html EMPTY = new Html("");

  /**
   * Checks the markup is present.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public Html {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Returns plain text as HTML, escaped for both element content and quoted attribute values.
   *
   * @param text the text; {@code null} gives the empty fragment
   * @return the escaped fragment
   */
  public static Html text(String text) {
    return text == null ? EMPTY : new Html(escape(text));
  }

  /**
   * Fills a template written by the programmer: each {@code {}} is replaced by the next argument,
   * escaped unless it is already an {@code Html} fragment.
   *
   * @param template constant markup with {@code {}} placeholders
   * @param args the values, as many as placeholders
   * @return the filled fragment
   * @throws IllegalArgumentException if the number of arguments does not match
   */
  public static Html of(String template, Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 64 * args.length);
    int from = 0;
    int used = 0;
    for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
      if (used == args.length) {
        throw new IllegalArgumentException("more placeholders than arguments");
      }
      out.append(template, from, at);
      Object arg = args[used++];
      out.append(arg instanceof Html html ? html.value : escape(String.valueOf(arg)));
      from = at + 2;
    }
    if (used != args.length) {
      throw new IllegalArgumentException("more arguments than placeholders");
    }
    return new Html(out.append(template, from, template.length()).toString());
  }

  /**
   * Joins fragments.
   *
   * @param parts the fragments
   * @return their concatenation
   */
  public static Html join(Iterable<Html> parts) {
    StringBuilder out = new StringBuilder();
    parts.forEach(part -> out.append(part.value));
    return new Html(out.toString());
  }

  /**
   * Escapes text for HTML element content and quoted attribute values.
   *
   * @param text the text
   * @return the escaped text
   */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  @Override
  public String toString() {
    return value;
  }
}
