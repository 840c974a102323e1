package fr.socle.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The standalone jar as a user runs it: {@code java -jar socle-testkit-...-standalone.jar}. */
class StandaloneJarIT {
  private static final Path JAR = Paths.get(System.getProperty("socle.testkit.standalone.jar"));
  private static final Pattern ISSUER =
      Pattern.compile("issuer\\s+(http://127\\.0\\.0\\.1:\\d+\\S*)");

  private static ProcessBuilder java(String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  @Test
  void help_printsTheUsage_andExitsZero() throws Exception {
    assertThat(JAR).isRegularFile();
    Process process = java("--help").redirectErrorStream(false).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isZero();
    assertThat(out).startsWith("usage: ").contains("franceconnect").contains("payfip");
    assertThat(err).isEmpty();
  }

  @Test
  void runningSimulator_logsThroughTheBundledProvider_withoutSlf4jWarnings() throws Exception {
    Path errFile = Files.createTempFile("testkit-standalone", ".err");
    Process process =
        java("franceconnect", "--port", "0")
            .redirectError(ProcessBuilder.Redirect.to(errFile.toFile()))
            .start();
    try {
      String issuer = readIssuer(process);
      HttpResponse<String> discovery =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(discovery.statusCode()).isEqualTo(200);
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    String err = Files.readString(errFile, StandardCharsets.UTF_8);
    Files.deleteIfExists(errFile);
    assertThat(err)
        .doesNotContain("No SLF4J providers")
        .doesNotContain("NOP logger")
        .doesNotContain("SLF4J(W)");
  }

  /** Reads the banner until the issuer line; fails if the process ends first. */
  private static String readIssuer(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = ISSUER.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("the simulator stopped before printing its issuer");
  }
}
