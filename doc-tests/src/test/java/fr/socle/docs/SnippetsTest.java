package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of the documentation are code of this module's tests, compiled and run by the
 * build. In a Markdown file, a Java block preceded by {@code <!-- snippet: a, b -->} must equal the
 * regions {@code // snippet: a} ... {@code // end snippet} (then b...) of the test sources, with
 * the imports those regions use. {@code ./mvnw -pl doc-tests -am test -Dsnippets.update=true}
 * rewrites the blocks from the sources.
 *
 * <p>In the files of {@link #FULLY_CHECKED}, every Java block must be such a snippet.
 */
class SnippetsTest {
  /** The documents whose every Java example is compiled and run: all the guides and the README. */
  static final List<String> FULLY_CHECKED =
      List.of(
          "README.md",
          "docs/core.md",
          "docs/identity.md",
          "docs/payment.md",
          "docs/storage.md",
          "docs/refdata.md",
          "docs/once-only.md",
          "docs/testkit.md",
          "docs/spring-boot.md");

  private static final Pattern MARKER =
      Pattern.compile(
          "<!-- snippet: ([\\w-]+(?:\\s*,\\s*[\\w-]+)*) -->\\n```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java$");
  private static final Pattern REGION_START = Pattern.compile("^(\\s*)// snippet: ([\\w-]+)\\s*$");
  private static final Pattern REGION_END = Pattern.compile("^\\s*// end snippet\\s*$");
  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
  private static final Pattern COMMENT = Pattern.compile("(?m)//.*$");
  private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)\\.(\\w+);$");

  /** A region of a test source and the imports of that source. */
  private record Region(String code, List<String> imports) {}

  @Test
  void everyMarkedJavaBlock_isTheCompiledAndTestedCode() {
    Map<String, Region> regions = regions();
    boolean update = Boolean.getBoolean("snippets.update");
    List<String> problems = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (Path file : Docs.markdownFiles()) {
      String text = Docs.read(file);
      StringBuilder rewritten = new StringBuilder();
      Matcher m = MARKER.matcher(text);
      int last = 0;
      while (m.find()) {
        List<String> names = List.of(m.group(1).split("\\s*,\\s*"));
        used.addAll(names);
        String expected;
        try {
          expected = render(names, regions);
        } catch (IllegalArgumentException e) {
          problems.add(where(file, text, m.start()) + e.getMessage());
          continue;
        }
        if (!expected.equals(m.group(2))) {
          problems.add(
              where(file, text, m.start())
                  + "the example differs from its source "
                  + names
                  + "; expected:\n"
                  + expected);
        }
        rewritten.append(text, last, m.start(2)).append(expected);
        last = m.end(2);
      }
      rewritten.append(text.substring(last));
      if (update && !rewritten.toString().equals(text)) {
        write(file, rewritten.toString());
      }
    }
    if (!update) {
      assertThat(problems)
          .as("documentation examples out of date (-Dsnippets.update=true rewrites them)")
          .isEmpty();
    }
    assertThat(regions.keySet()).as("regions that no document shows").isSubsetOf(used);
  }

  @Test
  void inFullyCheckedDocuments_everyJavaBlockIsASnippet() {
    for (String name : FULLY_CHECKED) {
      Path file = Docs.root().resolve(name);
      String text = Docs.read(file);
      Matcher block = JAVA_BLOCK.matcher(text);
      while (block.find()) {
        String before = text.substring(0, block.start());
        assertThat(before.stripTrailing())
            .as(
                "%s: the Java block must be preceded by <!-- snippet: ... -->",
                where(file, text, block.start()))
            .endsWith("-->")
            .satisfies(
                b -> assertThat(b.substring(b.lastIndexOf("<!--"))).startsWith("<!-- snippet: "));
      }
    }
  }

  /** The imports the regions use, a blank line, then the regions separated by blank lines. */
  private static String render(List<String> names, Map<String, Region> regions) {
    StringBuilder code = new StringBuilder();
    Set<String> imports = new java.util.TreeSet<>();
    for (String name : names) {
      Region region = regions.get(name);
      if (region == null) {
        throw new IllegalArgumentException("no region // snippet: " + name + " in doc-tests");
      }
      if (code.length() > 0) {
        code.append('\n');
      }
      code.append(region.code());
      // Names in comments and strings ("Win.Test.EICAR", "// or Path.of(...)") import nothing.
      String identifiers =
          COMMENT.matcher(STRING.matcher(region.code()).replaceAll("\"\"")).replaceAll("");
      for (String line : region.imports()) {
        Matcher m = IMPORT.matcher(line);
        if (m.matches()
            && Pattern.compile("\\b" + m.group(3) + "\\b").matcher(identifiers).find()) {
          imports.add(line);
        }
      }
    }
    List<String> statics = imports.stream().filter(i -> i.startsWith("import static")).toList();
    List<String> plain = imports.stream().filter(i -> !i.startsWith("import static")).toList();
    StringBuilder out = new StringBuilder();
    statics.forEach(i -> out.append(i).append('\n'));
    if (!statics.isEmpty() && !plain.isEmpty()) {
      out.append('\n');
    }
    plain.forEach(i -> out.append(i).append('\n'));
    if (!imports.isEmpty()) {
      out.append('\n');
    }
    return out.append(code).toString();
  }

  /** Every {@code // snippet:} region of this module's test sources, by name. */
  private static Map<String, Region> regions() {
    Map<String, Region> regions = new LinkedHashMap<>();
    Path sources = Docs.root().resolve("doc-tests/src/test/java");
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> imports = lines.stream().filter(l -> l.startsWith("import ")).toList();
        for (int i = 0; i < lines.size(); i++) {
          Matcher start = REGION_START.matcher(lines.get(i));
          if (!start.matches()) {
            continue;
          }
          String indent = start.group(1);
          StringBuilder code = new StringBuilder();
          int j = i + 1;
          for (; j < lines.size() && !REGION_END.matcher(lines.get(j)).matches(); j++) {
            String line = lines.get(j);
            code.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
                .append('\n');
          }
          if (j == lines.size()) {
            throw new IllegalStateException(
                file + ": // snippet: " + start.group(2) + " never ends");
          }
          // The formatter may leave a blank line before "// end snippet" (after a field).
          String text = code.toString().replaceAll("\\n+$", "\n");
          if (regions.put(start.group(2), new Region(text, imports)) != null) {
            throw new IllegalStateException("two regions named " + start.group(2));
          }
          i = j;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  private static String where(Path file, String text, int offset) {
    long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    return Docs.root().relativize(file) + ":" + line + ": ";
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
