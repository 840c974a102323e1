package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.core.Secret;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples of docs/core.md, run (the build sets FC_CLIENT_SECRET). Its HTTP transport examples
 * are not snippets yet: the HTTP configuration API is being reworked.
 */
class CoreGuideTest {
  private static final Logger log = LoggerFactory.getLogger(CoreGuideTest.class);

  @Test
  void secret_isRedactedUntilRevealed() {
    // snippet: core-secret
    Secret clientSecret = Secret.of(System.getenv("FC_CLIENT_SECRET"));
    log.info("configured with {}", clientSecret); // configured with Secret[redacted]
    String value = clientSecret.reveal(); // explicit, greppable
    // end snippet
    assertThat(clientSecret).hasToString("Secret[redacted]");
    assertThat(value).isEqualTo(System.getenv("FC_CLIENT_SECRET"));
  }
}
