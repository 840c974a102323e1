package fr.socle.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's run command must keep working: this runs the same program. */
class CoreQuickstartTest {

  @Test
  void run_showsDecodingRefusalAndRedaction() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CoreQuickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("decoded Commune[code=75056, nom=Paris, population=2113705]")
        .contains("2. oversized body refused")
        .contains("3. a secret prints as Secret[redacted]")
        .contains("/callback?code=***&state=***")
        .doesNotContain("s3cr3t")
        .doesNotContain("SplxlOBeZQQYbYS6WxSbIA")
        .doesNotContain("this is a bug");
  }
}
