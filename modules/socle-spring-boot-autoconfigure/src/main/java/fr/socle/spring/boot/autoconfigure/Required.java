package fr.socle.spring.boot.autoconfigure;

/** Checks that a required property is set, naming it otherwise. */
final class Required {
  private Required() {}

  static <T> T value(T value, String property) {
    if (value == null) {
      throw new SocleConfigurationException(property, "is required but not set");
    }
    return value;
  }

  static String text(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new SocleConfigurationException(property, "is required but not set");
    }
    return value;
  }
}
