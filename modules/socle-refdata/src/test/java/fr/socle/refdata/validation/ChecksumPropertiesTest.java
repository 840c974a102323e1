package fr.socle.refdata.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Properties of the check digits: a computed key validates, a changed digit is caught. */
class ChecksumPropertiesTest {

  @Provide
  Arbitrary<String> eightDigits() {
    return Arbitraries.strings().numeric().ofLength(8);
  }

  private static String withLuhnKey(String body) {
    for (char d = '0'; d <= '9'; d++) {
      if (Checksums.luhn(body + d)) {
        return body + d;
      }
    }
    throw new AssertionError("no Luhn key");
  }

  @Property
  void siren_withLuhnKey_isValid_andAnySingleDigitChangeIsCaught(
      @ForAll("eightDigits") String body,
      @ForAll @IntRange(min = 0, max = 8) int position,
      @ForAll @IntRange(min = 1, max = 9) int delta) {
    String siren = withLuhnKey(body);
    assertThat(Validators.siren(siren).isValid()).isTrue();
    char[] c = siren.toCharArray();
    c[position] = (char) ('0' + (c[position] - '0' + delta) % 10);
    assertThat(Validators.siren(new String(c)).reason()).contains(InvalidReason.CHECKSUM);
  }

  @Property
  void siren_keyIsUnique(@ForAll("eightDigits") String body) {
    int valid = 0;
    for (char d = '0'; d <= '9'; d++) {
      if (Validators.siren(body + d).isValid()) {
        valid++;
      }
    }
    assertThat(valid).isEqualTo(1);
  }

  @Property
  void siret_ofValidSiren_withLuhnNic_isValidInBothModes(
      @ForAll("eightDigits") String body, @ForAll @NumericChars @StringLength(4) String nic) {
    String siren = withLuhnKey(body);
    if (siren.equals("356000000")) {
      return;
    }
    String siret = withLuhnKey(siren + nic);
    assertThat(Validators.siret(siret, SiretMode.STRICT).isValid()).isTrue();
    assertThat(Validators.siret(siret, SiretMode.STATE_API).isValid()).isTrue();
  }

  @Property
  void siret_laPoste_strictAcceptsExactlyDigitSumsMultipleOf5(
      @ForAll @NumericChars @StringLength(5) String nic) {
    String siret = "356000000" + nic;
    boolean expected = siret.equals("35600000000048") || Checksums.digitSum(siret) % 5 == 0;
    assertThat(Validators.siret(siret, SiretMode.STRICT).isValid()).isEqualTo(expected);
    assertThat(Validators.siret(siret, SiretMode.STATE_API).isValid()).isTrue();
  }

  @Property
  void vatNumberOf_anyValidSiren_validates_andOtherNumericKeysDoNot(
      @ForAll("eightDigits") String body, @ForAll @IntRange(min = 0, max = 99) int key) {
    String siren = withLuhnKey(body);
    String vat = Validators.vatNumberOf(siren);
    assertThat(Validators.vatNumber(vat).isValid()).isTrue();
    // Equivalent definition from the spec: int(SIREN ‖ "12") mod 97.
    assertThat(Integer.parseInt(vat.substring(2, 4)))
        .isEqualTo(new BigInteger(siren + "12").mod(BigInteger.valueOf(97)).intValue());
    String other = String.format("FR%02d%s", key, siren);
    assertThat(Validators.vatNumber(other).isValid()).isEqualTo(other.equals(vat));
  }

  @Property
  void nir_withComputedKey_isValid_andAnyOtherKeyIsNot(
      @ForAll @IntRange(min = 1, max = 2) int sex,
      @ForAll @IntRange(min = 0, max = 99) int year,
      @ForAll @IntRange(min = 1, max = 12) int month,
      @ForAll @IntRange(min = 1, max = 95) int dep,
      @ForAll @IntRange(min = 1, max = 999) int commune,
      @ForAll @IntRange(min = 1, max = 999) int order,
      @ForAll @IntRange(min = 0, max = 99) int otherKey) {
    String first13 = String.format("%d%02d%02d%02d%03d%03d", sex, year, month, dep, commune, order);
    String nir = first13 + String.format("%02d", Checksums.nirKey(first13));
    assertThat(Validators.nir(nir).isValid()).isTrue();
    String other = first13 + String.format("%02d", otherKey);
    assertThat(Validators.nir(other).isValid()).isEqualTo(other.equals(nir));
  }

  @Property
  void nir_corsica_keyUses19And18(
      @ForAll @IntRange(min = 0, max = 1) int b, @ForAll @IntRange(min = 1, max = 999) int order) {
    String dep = b == 0 ? "2A" : "2B";
    String first13 = String.format("1800%s%03d%03d", dep, 4, order).replace("1800", "18001");
    first13 = first13.substring(0, 13);
    String numeric = first13.replace("2A", "19").replace("2B", "18");
    int key = 97 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
    assertThat(Validators.nir(first13 + String.format("%02d", key)).has(Qualifier.CORSICA))
        .isTrue();
  }

  @Property
  void rib_keyIsTheOneMakingTheWholeRibZeroMod97(
      @ForAll @NumericChars @StringLength(5) String bank,
      @ForAll @NumericChars @StringLength(5) String branch,
      @ForAll @NumericChars @StringLength(11) String account) {
    String key = Validators.ribKey(bank, branch, account);
    assertThat(new BigInteger(bank + branch + account + key).mod(BigInteger.valueOf(97)))
        .isEqualTo(BigInteger.ZERO);
    assertThat(Validators.rib(bank + branch + account + key).isValid()).isTrue();
  }

  @Property
  void iban_builtFromValidRib_isValid_andTransposedDigitsAreCaught(
      @ForAll @NumericChars @StringLength(5) String bank,
      @ForAll @NumericChars @StringLength(5) String branch,
      @ForAll @NumericChars @StringLength(11) String account,
      @ForAll @IntRange(min = 4, max = 25) int position) {
    String bban = bank + branch + account + Validators.ribKey(bank, branch, account);
    String iban = "FR" + ValidatorsTest.ibanKey("FR", bban) + bban;
    assertThat(Validators.iban(iban).isValid()).isTrue();
    char[] c = iban.toCharArray();
    if (c[position] != c[position + 1]) {
      char t = c[position];
      c[position] = c[position + 1];
      c[position + 1] = t;
      assertThat(Validators.iban(new String(c)).isValid()).isFalse();
    }
  }

  @Property
  void uai_exactlyOneLetterIsValid(@ForAll @NumericChars @StringLength(7) String digits) {
    int valid = 0;
    for (char l = 'A'; l <= 'Z'; l++) {
      if (Validators.uai(digits + l).isValid()) {
        valid++;
      }
    }
    assertThat(valid).isEqualTo(1);
  }

  @Property
  void normalise_ignoresSeparatorsAndCase(@ForAll("eightDigits") String body) {
    String siren = withLuhnKey(body);
    String messy =
        " "
            + siren.substring(0, 3)
            + "."
            + siren.substring(3, 6)
            + "-"
            + siren.substring(6)
            + "\u00a0";
    assertThat(Validators.siren(messy)).isEqualTo(Validators.siren(siren));
  }
}
