package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documentation names one version of Socle, the one being built: the version a reader copies
 * from a guide is the one the README tells them to install.
 */
class VersionInDocsTest {
  /** A Socle dependency in a POM snippet, and the version written on it. */
  private static final Pattern SOCLE_DEPENDENCY_VERSION =
      Pattern.compile(
          "<groupId>\\s*fr\\.socle\\s*</groupId>\\s*<artifactId>\\s*([\\w.-]+)\\s*</artifactId>"
              + "\\s*<version>\\s*([^<]*?)\\s*</version>");

  /** A Socle file name: socle-testkit-0.1.0-SNAPSHOT-standalone.jar, socle-core-0.1.0.jar... */
  private static final Pattern SOCLE_FILE_VERSION =
      Pattern.compile(
          "\\bsocle-[a-z0-9-]*?-(\\d+\\.\\d+\\.\\d+[\\w.]*?(?:-SNAPSHOT)?)(?:-[a-z]+)?\\.(?:jar|pom)\\b");

  /** Gradle or coordinates notation: fr.socle:socle-core:0.1.0. */
  private static final Pattern SOCLE_COORDINATES =
      Pattern.compile("\\bfr\\.socle:[\\w.-]+:([^\\s:`'\")]+)");

  @Test
  void everySocleVersionInTheDocs_isTheVersionBeingBuilt() {
    String version = Docs.version();
    List<String> wrong = new ArrayList<>();
    for (Path file : Docs.markdownFiles()) {
      String text = Docs.read(file);
      for (Pattern pattern :
          List.of(SOCLE_DEPENDENCY_VERSION, SOCLE_FILE_VERSION, SOCLE_COORDINATES)) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          String found = m.group(m.groupCount());
          if (!found.equals(version)) {
            wrong.add(
                Docs.root().relativize(file) + ":" + line(text, m.start()) + ": " + m.group());
          }
        }
      }
    }
    assertThat(wrong)
        .as("Socle versions in the docs that are not %s (the version being built)", version)
        .isEmpty();
  }

  @Test
  void theReadmeInstallSection_namesTheBomWithTheVersionAndHowToInstallIt() {
    String readme = Docs.read(Docs.root().resolve("README.md"));
    Matcher bom =
        Pattern.compile("<artifactId>socle-bom</artifactId>\\s*<version>\\s*([^<]+?)\\s*</version>")
            .matcher(readme);
    assertThat(bom.find()).as("README.md imports socle-bom with a version").isTrue();
    assertThat(bom.group(1)).isEqualTo(Docs.version());
    if (Docs.version().endsWith("-SNAPSHOT")) {
      assertThat(readme)
          .as("a SNAPSHOT is on no public repository: README.md says how to install it locally")
          .contains("./mvnw -B install -DskipTests");
    }
  }

  private static int line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
