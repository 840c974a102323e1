package fr.socle.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Runs {@link SocleRules} on the main classes of every published module (tests are not imported).
 */
@AnalyzeClasses(packages = "fr.socle", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule everyClassInAKnownModule = SocleRules.EVERY_CLASS_IN_A_KNOWN_MODULE;

  @ArchTest static final ArchRule blocksDependOnlyOnCore = SocleRules.BLOCKS_DEPEND_ONLY_ON_CORE;

  @ArchTest
  static final ArchRule adaptersDependOnlyOnTheirBlock =
      SocleRules.ADAPTERS_DEPEND_ONLY_ON_THEIR_BLOCK;

  @ArchTest static final ArchRule coreDependsOnNoModule = SocleRules.CORE_DEPENDS_ON_NO_MODULE;

  @ArchTest
  static final ArchRule testKitsDependOnlyOnWhatTheyMay =
      SocleRules.TEST_KITS_DEPEND_ONLY_ON_WHAT_THEY_MAY;

  @ArchTest static final ArchRule noMainCodeOnTestkit = SocleRules.NO_MAIN_CODE_ON_TESTKIT;

  @ArchTest static final ArchRule spiNotOnInternal = SocleRules.SPI_NOT_ON_INTERNAL;

  @ArchTest
  static final ArchRule internalUsedOnlyByItsModule = SocleRules.INTERNAL_USED_ONLY_BY_ITS_MODULE;

  @ArchTest
  static final ArchRule noThirdPartyTypeInPublicSignatures =
      SocleRules.NO_THIRD_PARTY_TYPE_IN_PUBLIC_SIGNATURES;

  /**
   * The error rule, on the packages listed in {@link SocleRules#ERROR_RULE_PACKAGES} (those already
   * converted; each block adds itself there when it is converted).
   */
  @ArchTest
  static final ArchRule noIllegalArgumentOrStateInPublicApi =
      SocleRules.NO_ILLEGAL_ARGUMENT_OR_STATE_IN_PUBLIC_API;

  @ArchTest
  static final ArchRule noIllegalArgumentOrStateDeclared =
      SocleRules.NO_ILLEGAL_ARGUMENT_OR_STATE_DECLARED;
}
