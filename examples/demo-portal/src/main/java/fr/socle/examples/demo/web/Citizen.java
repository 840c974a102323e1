package fr.socle.examples.demo.web;

import java.util.Objects;

/**
 * The person signed in to the portal, as the pages need it: a stable key for their invoices and
 * documents, and a name to greet them with. Kept in the servlet session.
 *
 * @param key a stable, non-personal key (the provider's pairwise {@code sub})
 * @param displayName the name shown in the header
 * @param email the e-mail address the provider gave, or empty
 */
public record Citizen(String key, String displayName, String email)
    implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if the key is empty
   */
  public Citizen {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(email, "email");
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("key is empty");
    }
  }

  @Override
  public String toString() {
    return "Citizen[redacted]";
  }
}
