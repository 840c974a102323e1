package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** NOTICE travels in every jar: what it says about the embedded data must stay true. */
class NoticeTest {
  private static final Pattern RESOURCE = Pattern.compile("\\bfr/socle/[\\w/.-]+\\.[a-z]+\\b");

  @Test
  void everyResourceNamedInNotice_exists() throws IOException {
    String notice = Docs.read(Docs.root().resolve("NOTICE"));
    Matcher m = RESOURCE.matcher(notice);
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group());
    }
    assertThat(named).as("NOTICE names the resource that holds the embedded data").isNotEmpty();
    List<Path> resourceDirs;
    try (Stream<Path> modules = Files.list(Docs.root().resolve("modules"))) {
      resourceDirs =
          modules
              .map(module -> module.resolve("src/main/resources"))
              .filter(Files::isDirectory)
              .toList();
    }
    for (String resource : named) {
      assertThat(resourceDirs.stream().anyMatch(dir -> Files.isRegularFile(dir.resolve(resource))))
          .as("NOTICE names %s, which no module ships", resource)
          .isTrue();
    }
  }

  @Test
  void notice_attributesTheEmbeddedDataUnderTheLicenceOuverte() {
    String notice = Docs.read(Docs.root().resolve("NOTICE"));
    assertThat(notice)
        .contains("Licence Ouverte")
        .contains("@etalab/decoupage-administratif")
        .contains("socle-refdata");
  }
}
