package fr.socle.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's documentation: README.md, the guides and the other top-level pages. */
final class Docs {
  private Docs() {}

  /** The repository root, given by the build. */
  static Path root() {
    String root = System.getProperty("socle.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException("run through Maven: socle.root is not set");
    }
    return Path.of(root);
  }

  /** The version being built, given by the build. */
  static String version() {
    String version = System.getProperty("socle.version");
    if (version == null || version.isBlank()) {
      throw new IllegalStateException("run through Maven: socle.version is not set");
    }
    return version;
  }

  /**
   * README.md, CONTRIBUTING.md, CHANGELOG.md, SECURITY.md, docs/*.md, docs/benchmarks/*.md and the
   * examples' README.md.
   */
  static List<Path> markdownFiles() {
    Path root = root();
    List<Path> files = new ArrayList<>();
    for (String top : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "SECURITY.md")) {
      if (Files.isRegularFile(root.resolve(top))) {
        files.add(root.resolve(top));
      }
    }
    for (String dir : List.of("docs", "docs/benchmarks", "examples")) {
      try (Stream<Path> found = Files.walk(root.resolve(dir), dir.equals("examples") ? 2 : 1)) {
        found.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
