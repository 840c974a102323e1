package fr.socle.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.identity.LoginOptions.Prompt;
import org.junit.jupiter.api.Test;

class LoginOptionsTest {

  @Test
  void defaults_sendNothing() {
    LoginOptions o = LoginOptions.defaults();
    assertThat(o.prompt()).isEmpty();
    assertThat(o.idpHint()).isEmpty();
    assertThat(o.loginHint()).isEmpty();
    assertThat(o.siretHint()).isEmpty();
  }

  @Test
  void prompt_keepsDeclarationOrderAndRefusesNoneWithOthers() {
    assertThat(LoginOptions.builder().prompt(Prompt.CONSENT, Prompt.LOGIN).build().prompt())
        .containsExactly(Prompt.LOGIN, Prompt.CONSENT);
    assertThatThrownBy(() -> LoginOptions.builder().prompt(Prompt.NONE, Prompt.LOGIN))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> LoginOptions.builder().prompt())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void hints_refuseHostileValues() {
    LoginOptions.Builder b = LoginOptions.builder();
    for (String bad :
        new String[] {"", "   ", "x".repeat(257), "a@b.fr\r\nSet-Cookie: x", "\u0000"}) {
      assertThatThrownBy(() -> b.loginHint(bad)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> b.idpHint(bad)).isInstanceOf(InvalidInputException.class);
    }
    for (String bad : new String[] {"2175000160001", "217500016000190", "2175000160001A", ""}) {
      assertThatThrownBy(() -> b.siretHint(bad)).isInstanceOf(InvalidInputException.class);
    }
    assertThat(b.siretHint("21750001600019").build().siretHint()).contains("21750001600019");
  }

  @Test
  void toString_omitsTheHints() {
    String s =
        LoginOptions.builder()
            .loginHint("angela@example.org")
            .idpHint("fia1v2")
            .siretHint("21750001600019")
            .build()
            .toString();
    assertThat(s).doesNotContain("angela", "fia1v2", "21750001600019").contains("loginHint");
  }
}
