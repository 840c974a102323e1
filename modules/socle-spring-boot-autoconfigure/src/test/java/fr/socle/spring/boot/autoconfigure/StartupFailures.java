package fr.socle.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** The messages of a failed start, cause by cause. */
final class StartupFailures {
  private StartupFailures() {}

  static String messages(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    StringBuilder all = new StringBuilder();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
