package fr.socle.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AssuranceTest {

  @Test
  @DisplayName("atLeast(eidas1) asks every ProConnect value of that level or above")
  void atLeast_asksProConnectValuesOfThatLevelOrAbove() {
    assertThat(Assurance.atLeast(EidasLevel.EIDAS1).acrValues())
        .containsExactly("eidas1", "eidas1-mfa", "eidas2", "eidas3");
    assertThat(Assurance.atLeast(EidasLevel.EIDAS3).acrValues()).containsExactly("eidas3");
  }

  @Test
  void atLeast_acceptsHigherLevelsAndMfaVariants_refusesLowerAndUnknown() {
    Assurance a = Assurance.atLeast(EidasLevel.EIDAS1);
    assertThat(a.accepts("eidas1")).isTrue();
    assertThat(a.accepts("eidas1-mfa")).isTrue();
    assertThat(a.accepts("eidas3")).isTrue();
    assertThat(a.accepts("eidas0-mfa")).isFalse();
    assertThat(a.accepts("https://proconnect.gouv.fr/assurance/consistency-checked")).isFalse();
    assertThat(a.accepts(null)).isFalse();
  }

  @Test
  @DisplayName("multiFactor accepts exactly eidas0-mfa, eidas1-mfa, eidas2, eidas3")
  void multiFactor_acceptsExactlyItsValues() {
    Assurance mfa = Assurance.multiFactor();
    assertThat(mfa.accepts("eidas0-mfa")).isTrue();
    assertThat(mfa.accepts("eidas1-mfa")).isTrue();
    assertThat(mfa.accepts("eidas2")).isTrue();
    assertThat(mfa.accepts("eidas3")).isTrue();
    assertThat(mfa.accepts("eidas1")).isFalse();
    assertThat(mfa.accepts("eidas0")).isFalse();
    assertThat(mfa.accepts("https://proconnect.gouv.fr/assurance/self-asserted-2fa")).isFalse();
    assertThat(mfa.minimumLevel()).isEmpty();
  }

  @Test
  void encode_decode_roundTrip() {
    for (Assurance a :
        new Assurance[] {
          Assurance.atLeast(EidasLevel.EIDAS2),
          Assurance.multiFactor(),
          Assurance.certificationDirigeant()
        }) {
      assertThat(Assurance.decode(a.encode())).isEqualTo(a);
    }
    // what transactions sealed by earlier versions hold
    assertThat(Assurance.decode("eidas2")).isEqualTo(Assurance.atLeast(EidasLevel.EIDAS2));
  }

  @Test
  @DisplayName("EidasLevelTooLowException keeps its requirement through serialization")
  void exception_serializes() throws Exception {
    EidasLevelTooLowException e = new EidasLevelTooLowException(Assurance.multiFactor(), "eidas1");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    EidasLevelTooLowException back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (EidasLevelTooLowException) in.readObject();
    }
    assertThat(back.required()).isEqualTo(Assurance.multiFactor());
    assertThat(back.requested()).isEqualTo(EidasLevel.EIDAS0);
    assertThat(back.actualAcr()).contains("eidas1");
  }
}
