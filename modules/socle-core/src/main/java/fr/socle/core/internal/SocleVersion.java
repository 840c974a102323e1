package fr.socle.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Socle, read from a resource filtered by the build. */
public final class SocleVersion {
  private static final String VERSION = load();

  private SocleVersion() {}

  /**
   * Returns the version.
   *
   * @return for example {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a built jar
   */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = SocleVersion.class.getResourceAsStream("socle-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
