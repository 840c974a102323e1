package fr.socle.refdata.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.refdata.Territories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorsTest {

  @ParameterizedTest
  @ValueSource(strings = {"732829320", "356000000", "200053668", "732 829 320", "732.829.320"})
  void siren_whenSpecExample_isValid(String siren) {
    ValidationResult r = Validators.siren(siren);
    assertThat(r.isValid()).isTrue();
    assertThat(r.value()).hasValue(siren.replaceAll("[ .]", ""));
  }

  @Test
  void siren_whenWrongKeyOrShape_saysWhy() {
    assertThat(Validators.siren("732829321").reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.siren("73282932").reason()).contains(InvalidReason.LENGTH);
    assertThat(Validators.siren("73282932A").reason()).contains(InvalidReason.FORMAT);
    assertThat(Validators.siren("  ").reason()).contains(InvalidReason.EMPTY);
    assertThat(Validators.siren("200053668").has(Qualifier.PUBLIC_BODY)).isTrue();
  }

  @Test
  void siret_whenSpecExamples_followsLuhnAndLaPosteRule() {
    assertThat(Validators.siret("732 829 320 00074").isValid()).isTrue();
    assertThat(Validators.siret("35600000000048").isValid()).isTrue();
    ValidationResult laPoste = Validators.siret("35600000000010");
    assertThat(laPoste.isValid()).isTrue();
    assertThat(laPoste.has(Qualifier.LA_POSTE)).isTrue();
    assertThat(Validators.siret("73282932000079").reason()).contains(InvalidReason.CHECKSUM);
  }

  @Test
  void siret_whenLaPosteSumWrong_strictRejectsAndStateApiModeAccepts() {
    // 35600000000011: digit sum 16, not a multiple of 5.
    assertThat(Validators.siret("35600000000011", SiretMode.STRICT).reason())
        .contains(InvalidReason.CHECKSUM);
    ValidationResult lenient = Validators.siret("35600000000011", SiretMode.STATE_API);
    assertThat(lenient.isValid()).isTrue();
    assertThat(lenient.has(Qualifier.LA_POSTE_UNCHECKED)).isTrue();
  }

  @Test
  void siret_whenSirenPartHasWrongKeyButSiretLuhnHolds_strictRejects() {
    // A SIRET passing Luhn on its 14 digits while its SIREN 732829321 does not.
    String siret = null;
    for (char d = '0'; d <= '9'; d++) {
      if (Checksums.luhn("7328293210006" + d)) {
        siret = "7328293210006" + d;
      }
    }
    assertThat(Checksums.luhn(siret)).isTrue();
    assertThat(Validators.siret(siret, SiretMode.STRICT).reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.siret(siret, SiretMode.STATE_API).isValid()).isTrue();
  }

  @Test
  void vatNumber_whenSpecExamples() {
    assertThat(Validators.vatNumber("FR 44 732829320").isValid()).isTrue();
    assertThat(Validators.vatNumber("fr39356000000").isValid()).isTrue();
    assertThat(Validators.vatNumber("FR84323140391").reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.vatNumber("DE44732829320").reason()).contains(InvalidReason.FORMAT);
    assertThat(Validators.vatNumber("FRI4732829320").reason()).contains(InvalidReason.FORMAT);
    assertThat(Validators.vatNumberOf("732829320")).isEqualTo("FR44732829320");
    assertThatThrownBy(() -> Validators.vatNumberOf("732829321"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void vatNumber_whenMonaco_isValidWithoutSiren() {
    String monacoSiren = "000012345";
    String vat = String.format("FR%02d%s", Checksums.vatKey(monacoSiren), monacoSiren);
    ValidationResult r = Validators.vatNumber(vat);
    assertThat(r.isValid()).isTrue();
    assertThat(r.has(Qualifier.MONACO)).isTrue();
  }

  @Test
  void nir_whenSpecExamples() {
    ValidationResult abroad = Validators.nir("2 95 10 99 126 111 93");
    assertThat(abroad.isValid()).isTrue();
    assertThat(abroad.has(Qualifier.BORN_ABROAD)).isTrue();
    ValidationResult corse = Validators.nir("253072B07300470");
    assertThat(corse.isValid()).isTrue();
    assertThat(corse.has(Qualifier.CORSICA)).isTrue();
    assertThat(Validators.nir("253072a07300443").isValid()).isTrue();
    assertThat(Validators.nir("295109912611199").reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.nir("253072C07300443").reason()).contains(InvalidReason.FORMAT);
  }

  @Test
  void nir_whenTemporaryNia_isFlagged() {
    String first13 = "7951099126111";
    String nia = first13 + String.format("%02d", Checksums.nirKey(first13));
    ValidationResult r = Validators.nir(nia);
    assertThat(r.isValid()).isTrue();
    assertThat(r.has(Qualifier.TEMPORARY_NIA)).isTrue();
  }

  @Test
  void nir_whenImpossibleMonthOrSex_isFormatError() {
    String badMonth = "2951399126111";
    assertThat(
            Validators.nir(badMonth + String.format("%02d", Checksums.nirKey(badMonth))).reason())
        .contains(InvalidReason.FORMAT);
    String badSex = "3951099126111";
    assertThat(Validators.nir(badSex + String.format("%02d", Checksums.nirKey(badSex))).reason())
        .contains(InvalidReason.FORMAT);
  }

  @Test
  void nir_resultAndException_neverPrintTheValue() {
    ValidationResult ok = Validators.nir("295109912611193");
    assertThat(ok.toString()).doesNotContain("2951099");
    ValidationResult bad = Validators.nir("295109912611199");
    assertThat(bad.toString()).doesNotContain("2951099");
    assertThatThrownBy(bad::orElseThrow)
        .isInstanceOf(InvalidIdentifierException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("2951099"))
        .extracting(e -> ((InvalidIdentifierException) e).reason())
        .isEqualTo(InvalidReason.CHECKSUM);
  }

  @Test
  void iban_whenSpecExamples() {
    assertThat(Validators.iban("FR76 3000 6000 0112 3456 7890 189").isValid()).isTrue();
    assertThat(Validators.iban("FR7630006000011234567890188").reason())
        .contains(InvalidReason.CHECKSUM);
    assertThat(Validators.iban("DE89370400440532013000").isValid()).isTrue();
    assertThat(Validators.iban("FR76300060000112345678901").reason()).isPresent();
    assertThat(Validators.iban("").reason()).contains(InvalidReason.EMPTY);
  }

  @Test
  void iban_whenIbanKeyRightButRibKeyWrong_isRejected() {
    // RIB key 88 instead of 89, IBAN key recomputed so that only the national key is wrong.
    String bban = "30006000011234567890188";
    String iban = "FR" + ibanKey("FR", bban) + bban;
    assertThat(Validators.iban(iban).reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.iban(iban).detail()).contains("RIB");
  }

  @Test
  void rib_whenSpecExample() {
    assertThat(Validators.ribKey("30006", "00001", "12345678901")).isEqualTo("89");
    assertThat(Validators.rib("30006 00001 12345678901 89").isValid()).isTrue();
    assertThat(Validators.rib("30006 00001 12345678901 88").reason())
        .contains(InvalidReason.CHECKSUM);
    assertThat(Validators.rib("30006 00001 1234567890! 88").reason())
        .contains(InvalidReason.FORMAT);
    // Letters in the account count as digits (A=1, J=1, S=2...): ABC = 123.
    assertThat(Validators.ribKey("30006", "00001", "ABC45678901"))
        .isEqualTo(Validators.ribKey("30006", "00001", "12345678901"));
    assertThatThrownBy(() -> Validators.ribKey("3000", "00001", "12345678901"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void communeCode_formatOnly() {
    assertThat(Validators.communeCode("75056").isValid()).isTrue();
    assertThat(Validators.communeCode("2a004").value()).hasValue("2A004");
    assertThat(Validators.communeCode("97411").isValid()).isTrue();
    assertThat(Validators.communeCode("98735").isValid()).isTrue();
    assertThat(Validators.communeCode("20004").reason()).contains(InvalidReason.FORMAT);
    assertThat(Validators.communeCode("00123").reason()).contains(InvalidReason.FORMAT);
    assertThat(Validators.communeCode("97911").reason()).contains(InvalidReason.FORMAT);
    assertThat(Validators.communeCode("7505").reason()).contains(InvalidReason.LENGTH);
  }

  @Test
  void communeCode_againstCog() {
    Territories cog = Territories.embedded();
    assertThat(Validators.communeCode("75056", cog).isValid()).isTrue();
    assertThat(Validators.communeCode("2A004", cog).isValid()).isTrue();
    assertThat(Validators.communeCode("97411", cog).isValid()).isTrue();
    assertThat(Validators.communeCode("75101", cog).isValid()).isTrue();
    ValidationResult merged = Validators.communeCode("93059", cog);
    assertThat(merged.reason()).contains(InvalidReason.OUTDATED);
    assertThat(merged.detail()).contains("93066");
    assertThat(Validators.communeCode("20004", cog).reason()).contains(InvalidReason.OUTDATED);
    assertThat(Validators.communeCode("01999", cog).reason()).contains(InvalidReason.UNKNOWN);
    assertThat(Validators.communeCode("ABCDE", cog).reason()).contains(InvalidReason.FORMAT);
  }

  @Test
  void postalCode_formatAndCog() {
    Territories cog = Territories.embedded();
    assertThat(Validators.postalCode("93380", cog).isValid()).isTrue();
    assertThat(Validators.postalCode("20000", cog).isValid()).isTrue();
    assertThat(Validators.postalCode("93066").isValid()).isTrue();
    assertThat(Validators.postalCode("93066", cog).reason()).contains(InvalidReason.UNKNOWN);
    assertThat(Validators.postalCode("00100").reason()).contains(InvalidReason.FORMAT);
    assertThat(Validators.postalCode("2A000").reason()).contains(InvalidReason.FORMAT);
  }

  @Test
  void rnaFinessUai_whenSpecExamples() {
    assertThat(Validators.rna("W751234567").isValid()).isTrue();
    assertThat(Validators.rna("w2a1234567").isValid()).isTrue();
    assertThat(Validators.rna("751234567").reason()).contains(InvalidReason.LENGTH);
    assertThat(Validators.rna("X751234567").reason()).contains(InvalidReason.FORMAT);
    for (String f :
        new String[] {"750712184", "690781810", "130786049", "330781196", "010780054"}) {
      assertThat(Validators.finess(f).isValid()).as(f).isTrue();
    }
    assertThat(Validators.finess("750712185").reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.finess("2A0000001").has(Qualifier.CHECK_DIGIT_NOT_VERIFIED)).isTrue();
    assertThat(Validators.uai("0750655E").isValid()).isTrue();
    assertThat(Validators.uai("0330021u").isValid()).isTrue();
    assertThat(Validators.uai("0750655F").reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.uai("075065E").reason()).contains(InvalidReason.LENGTH);
  }

  static String ibanKey(String country, String bban) {
    String rearranged = bban + country + "00";
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
    }
    int key =
        98
            - new java.math.BigInteger(digits.toString())
                .mod(java.math.BigInteger.valueOf(97))
                .intValue();
    return String.format("%02d", key);
  }

  @Test
  void communeCode_whenDelegueOfOneAndFormerCodeOfAnother_namesItsCurrentCogLink() {
    Territories t = Territories.embedded();
    assertThat(Validators.communeCode("60455", t).detail()).contains("now 60694");
    assertThat(Validators.communeCode("55273", t).detail()).contains("now 55386");
  }
}
