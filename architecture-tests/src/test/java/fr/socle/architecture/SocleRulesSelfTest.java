package fr.socle.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import fr.socle.core.archfixture.CoreOnBlock;
import fr.socle.payment.jdbc.archfixture.AdapterOnItsBlock;
import fr.socle.payment.jdbc.archfixture.AdapterOnOtherBlock;
import fr.socle.refdata.archfixture.RefdataViolations;
import fr.socle.refdata.internal.ArchFixtureInternal;
import fr.socle.refdata.spi.ArchFixtureSpiOnInternal;
import fr.socle.testkit.archfixture.JunitExtensionFixture;
import fr.socle.testkit.archfixture.TestkitOnBlock;
import fr.socle.testkit.contract.archfixture.ContractsOnSpiOwners;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Proves that every rule of {@link SocleRules} fails on a deliberate violation (test-only fixture
 * classes, never part of the main import) and accepts the allowed cases next to it, so that no rule
 * passes vacuously.
 */
class SocleRulesSelfTest {

  private static JavaClasses load(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  private static List<String> violations(ArchRule rule, Class<?>... classes) {
    EvaluationResult result = rule.evaluate(load(classes));
    return result.getFailureReport().getDetails();
  }

  @Test
  @DisplayName("a class of a module Modules does not know breaks the known-module rule")
  void unknownModule() {
    assertThat(
            violations(
                SocleRules.EVERY_CLASS_IN_A_KNOWN_MODULE,
                fr.socle.unknownblock.UnknownBlockFixture.class))
        .anySatisfy(v -> assertThat(v).contains("is in no module of Modules"));
    assertThat(violations(SocleRules.EVERY_CLASS_IN_A_KNOWN_MODULE, CoreOnBlock.class)).isEmpty();
  }

  @Test
  @DisplayName("a block using another block breaks the layering rule")
  void blockOnOtherBlock() {
    assertThat(
            violations(
                SocleRules.BLOCKS_DEPEND_ONLY_ON_CORE, RefdataViolations.BlockOnOtherBlock.class))
        .anySatisfy(v -> assertThat(v).contains("REFDATA -> STORAGE"));
  }

  @Test
  @DisplayName(
      "an adapter using a block other than its own breaks the adapter rule, its own block does not")
  void adapterOnOtherBlock() {
    assertThat(
            violations(SocleRules.ADAPTERS_DEPEND_ONLY_ON_THEIR_BLOCK, AdapterOnOtherBlock.class))
        .anySatisfy(v -> assertThat(v).contains("PAYMENT_JDBC -> REFDATA"));
    assertThat(violations(SocleRules.ADAPTERS_DEPEND_ONLY_ON_THEIR_BLOCK, AdapterOnItsBlock.class))
        .isEmpty();
  }

  @Test
  @DisplayName("core using a block breaks the core rule")
  void coreOnBlock() {
    assertThat(violations(SocleRules.CORE_DEPENDS_ON_NO_MODULE, CoreOnBlock.class))
        .anySatisfy(v -> assertThat(v).contains("CORE -> REFDATA"));
  }

  @Test
  @DisplayName("the test kit using a block breaks its rule; the contract suites may use the SPIs")
  void testkitOnBlock() {
    assertThat(violations(SocleRules.TEST_KITS_DEPEND_ONLY_ON_WHAT_THEY_MAY, TestkitOnBlock.class))
        .anySatisfy(v -> assertThat(v).contains("TESTKIT -> STORAGE"));
    assertThat(
            violations(
                SocleRules.TEST_KITS_DEPEND_ONLY_ON_WHAT_THEY_MAY, ContractsOnSpiOwners.class))
        .isEmpty();
  }

  @Test
  @DisplayName("main code using the test kit breaks the test-kit rule")
  void mainOnTestkit() {
    assertThat(violations(SocleRules.NO_MAIN_CODE_ON_TESTKIT, RefdataViolations.OnTestkit.class))
        .anySatisfy(v -> assertThat(v).contains("fr.socle.testkit"));
  }

  @Test
  @DisplayName("an SPI using an internal class breaks the SPI rule")
  void spiOnInternal() {
    assertThat(violations(SocleRules.SPI_NOT_ON_INTERNAL, ArchFixtureSpiOnInternal.class))
        .anySatisfy(v -> assertThat(v).contains("ArchFixtureInternal"));
  }

  @Test
  @DisplayName(
      "another module's internal class breaks the internal rule, the module's own does not")
  void internalOfOtherModule() {
    assertThat(
            violations(
                SocleRules.INTERNAL_USED_ONLY_BY_ITS_MODULE,
                RefdataViolations.OnOtherModulesInternal.class))
        .anySatisfy(v -> assertThat(v).contains("internal of CORE used by REFDATA"));
    assertThat(
            violations(SocleRules.INTERNAL_USED_ONLY_BY_ITS_MODULE, ArchFixtureSpiOnInternal.class))
        .isEmpty();
  }

  @Test
  @DisplayName(
      "third-party types in return, parameter, type argument or superclass break the signature rule")
  void thirdPartyInSignatures() {
    ArchRule rule = SocleRules.NO_THIRD_PARTY_TYPE_IN_PUBLIC_SIGNATURES;
    assertThat(violations(rule, RefdataViolations.ThirdPartyReturned.class))
        .anySatisfy(v -> assertThat(v).contains("leak(..) return exposes com.tngtech"));
    assertThat(violations(rule, RefdataViolations.ThirdPartyParameter.class))
        .anySatisfy(v -> assertThat(v).contains("parameter exposes com.tngtech"));
    assertThat(violations(rule, RefdataViolations.ThirdPartyTypeArgument.class))
        .anySatisfy(v -> assertThat(v).contains("field types exposes com.tngtech"));
    assertThat(violations(rule, RefdataViolations.ThirdPartySuperclass.class))
        .anySatisfy(v -> assertThat(v).contains("superclass exposes org.assertj"));
  }

  @Test
  @DisplayName("private third-party types and the test kit's JUnit extensions are allowed")
  void allowedSignatures() {
    ArchRule rule = SocleRules.NO_THIRD_PARTY_TYPE_IN_PUBLIC_SIGNATURES;
    assertThatCode(() -> rule.check(load(RefdataViolations.CleanSignatures.class)))
        .doesNotThrowAnyException();
    assertThatCode(() -> rule.check(load(JunitExtensionFixture.class))).doesNotThrowAnyException();
  }

  @Test
  @DisplayName(
      "throw new IllegalArgument/IllegalState (or a subclass) in public API breaks the error rule")
  void illegalArgumentOrState() {
    ArchRule rule = SocleRules.NO_ILLEGAL_ARGUMENT_OR_STATE_IN_PUBLIC_API;
    assertThat(violations(rule, RefdataViolations.ThrowsIllegalArgument.class))
        .anySatisfy(v -> assertThat(v).contains("java.lang.IllegalArgumentException.<init>"));
    assertThat(violations(rule, RefdataViolations.ThrowsIllegalState.class))
        .anySatisfy(v -> assertThat(v).contains("java.lang.IllegalStateException.<init>"));
    assertThat(violations(rule, RefdataViolations.ThrowsNumberFormat.class))
        .anySatisfy(v -> assertThat(v).contains("java.lang.NumberFormatException.<init>"));
    assertThat(violations(rule.allowEmptyShould(true), ArchFixtureInternal.class)).isEmpty();
  }

  @Test
  @DisplayName("a public method declaring IllegalStateException breaks the declared-error rule")
  void declaredIllegalState() {
    assertThat(
            violations(
                SocleRules.NO_ILLEGAL_ARGUMENT_OR_STATE_DECLARED,
                RefdataViolations.DeclaresIllegalState.class))
        .anySatisfy(v -> assertThat(v).contains("IllegalStateException"));
  }
}
