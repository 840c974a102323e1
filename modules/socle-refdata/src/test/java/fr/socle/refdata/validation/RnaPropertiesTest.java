package fr.socle.refdata.validation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RNA number: {@code W}, a three-character greffe code (a département: two digits, 2A/2B in
 * Corsica, 9 and a letter overseas; then the digit of the greffe), then six digits.
 */
class RnaPropertiesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "W9R2011523", // La Réunion
        "W9R1003737",
        "W9R4003959",
        "W9R4001713",
        "W9M1011611", // Martinique
        "W751234567",
        "W2A1234567",
        "W2B2000011",
        "w9r2011523"
      })
  void rna_whenRealShape_isValid(String rna) {
    ValidationResult r = Validators.rna(rna);
    assertThat(r.isValid()).as(rna).isTrue();
    assertThat(r.value()).hasValue(rna.toUpperCase());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "W001234567", // no département 00
        "W961234567", // nor 96
        "W991234567", // 99 is "abroad", no greffe
        "W2C1234567", // Corsica is 2A or 2B only
        "W1A1234567", // a letter only follows 2 (Corsica) or 9 (overseas)
        "W9RA011523", // the greffe digit is a digit
        "W9R20115X3", // the serial is six digits
        "WAR2011523",
        "X751234567"
      })
  void rna_whenShapeCannotExist_isFormatError(String rna) {
    assertThat(Validators.rna(rna).reason()).as(rna).contains(InvalidReason.FORMAT);
  }

  @Provide
  Arbitrary<String> departement() {
    Arbitrary<String> metro =
        Arbitraries.integers().between(1, 95).map(i -> String.format("%02d", i));
    Arbitrary<String> corsica = Arbitraries.of("2A", "2B");
    Arbitrary<String> overseas = Arbitraries.chars().range('A', 'Z').map(c -> "9" + c);
    return Arbitraries.oneOf(metro, corsica, overseas);
  }

  @Provide
  Arbitrary<String> validRna() {
    return Combinators.combine(
            departement(),
            Arbitraries.chars().numeric(),
            Arbitraries.strings().numeric().ofLength(6))
        .as((d, g, serial) -> "W" + d + g + serial);
  }

  @Property
  void rna_everyGreffeShape_isValid_andKeepsItsValue(@ForAll("validRna") String rna) {
    ValidationResult r = Validators.rna(" " + rna.toLowerCase() + " ");
    assertThat(r.isValid()).isTrue();
    assertThat(r.value()).hasValue(rna);
    assertThat(r.has(Qualifier.FORMAT_ONLY)).isTrue();
  }

  @Property
  void rna_aLetterInTheSerial_isRejected(
      @ForAll("validRna") String rna,
      @ForAll("serialPosition") int position,
      @ForAll("letter") char letter) {
    char[] c = rna.toCharArray();
    c[position] = letter;
    assertThat(Validators.rna(new String(c)).reason()).contains(InvalidReason.FORMAT);
  }

  @Provide
  Arbitrary<Integer> serialPosition() {
    return Arbitraries.integers().between(3, 9);
  }

  @Provide
  Arbitrary<Character> letter() {
    return Arbitraries.chars().range('A', 'Z');
  }

  @Property
  void rna_anyOtherLength_isLengthError(@ForAll("validRna") String rna, @ForAll boolean longer) {
    String s = longer ? rna + "0" : rna.substring(0, 9);
    assertThat(Validators.rna(s).reason()).contains(InvalidReason.LENGTH);
  }
}
