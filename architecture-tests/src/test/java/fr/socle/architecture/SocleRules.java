package fr.socle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guardrails of issue #15 ("One SDK"), as ArchUnit rules over Socle's main classes. {@link
 * ArchitectureTest} runs them on the real modules; {@link SocleRulesSelfTest} proves that each one
 * fails on a deliberate violation, so that none of them can pass vacuously.
 */
final class SocleRules {

  private SocleRules() {}

  // ---------------------------------------------------------------- layering

  /**
   * Every main class belongs to a module listed in {@link Modules}: a new module (or a package
   * outside every module's root) would otherwise escape the layering rules unnoticed.
   */
  static final ArchRule EVERY_CLASS_IN_A_KNOWN_MODULE =
      classes()
          .that()
          .resideInAPackage("fr.socle..")
          .should(
              new ArchCondition<>("belong to a module listed in Modules") {
                @Override
                public void check(JavaClass javaClass, ConditionEvents events) {
                  if (Modules.of(javaClass).isEmpty()) {
                    events.add(
                        SimpleConditionEvent.violated(
                            javaClass,
                            javaClass.getName()
                                + " is in no module of Modules: add its module there and to"
                                + " architecture-tests/pom.xml"));
                  }
                }
              })
          .because("the layering rules only see the modules they know");

  /** Blocks (identity, payment, storage, refdata...) depend on core only, never on each other. */
  static final ArchRule BLOCKS_DEPEND_ONLY_ON_CORE =
      classes()
          .that(belongTo(Modules.BLOCKS))
          .should(onlyUseModulesTheyMayDependOn())
          .because("a block depends on socle-core only (and on its own third-party libraries)");

  /**
   * Adapters (identity-servlet, payment-jdbc, storage-s3) depend on their block (and core) only.
   */
  static final ArchRule ADAPTERS_DEPEND_ONLY_ON_THEIR_BLOCK =
      classes()
          .that(belongTo(Modules.ADAPTERS))
          .should(onlyUseModulesTheyMayDependOn())
          .because("an adapter plugs one block into one technology and knows no other block");

  /** Core depends on no other Socle module. */
  static final ArchRule CORE_DEPENDS_ON_NO_MODULE =
      classes()
          .that(belongTo(List.of(Modules.CORE)))
          .should(onlyUseModulesTheyMayDependOn())
          .because("every module depends on socle-core, which therefore depends on none");

  /**
   * The test kit depends on core only, so that every block's tests can use it; the contract suites
   * ({@code socle-testkit-contracts}) depend on core and the blocks whose SPIs they pin.
   */
  static final ArchRule TEST_KITS_DEPEND_ONLY_ON_WHAT_THEY_MAY =
      classes()
          .that(belongTo(List.of(Modules.TESTKIT, Modules.TESTKIT_CONTRACTS)))
          .should(onlyUseModulesTheyMayDependOn())
          .because(
              "a block's tests use the test kit: the test kit depending on a block would be a"
                  + " reactor cycle");

  /** Nothing outside the test kit depends on it: it is a test-scope artefact for users. */
  static final ArchRule NO_MAIN_CODE_ON_TESTKIT =
      noClasses()
          .that()
          .resideInAPackage("fr.socle..")
          .and()
          .resideOutsideOfPackage("fr.socle.testkit..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("fr.socle.testkit..")
          .because("socle-testkit is a test-scope dependency: main code cannot rely on it");

  /** Extension points are implemented by third parties and cannot expose what has no promise. */
  static final ArchRule SPI_NOT_ON_INTERNAL =
      noClasses()
          .that()
          .resideInAPackage("fr.socle..spi..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("fr.socle..internal..")
          .because("an SPI is a public contract; internal packages carry no compatibility promise");

  /** An internal package is used by the module that contains it and by no other. */
  static final ArchRule INTERNAL_USED_ONLY_BY_ITS_MODULE =
      classes()
          .that()
          .resideInAPackage("fr.socle..")
          .should(useNoOtherModulesInternals())
          .because(
              "internal packages are left out of the published javadoc and may change in any release");

  // ---------------------------------------------------------------- public signatures

  /**
   * Third-party packages allowed in public signatures, by Socle package prefix, each with its
   * reason. Anything else that is not {@code java.}, {@code javax.}, {@code jakarta.} or {@code
   * fr.socle.} is a violation.
   */
  static final Map<String, Allowance> SIGNATURE_ALLOWANCES =
      Map.of(
          "fr.socle.testkit",
          new Allowance(
              List.of("org.junit."),
              "the test kit's JUnit 5 extensions implement JUnit's callbacks and resolve parameters: JUnit"
                  + " types are their purpose, and the test kit is only ever used in test scope"));

  /** A third-party package prefix allowed in the public signatures of one Socle package tree. */
  record Allowance(List<String> packagePrefixes, String reason) {}

  /**
   * No third-party type in a public signature (public/protected methods, constructors and fields,
   * record components through their accessors, superclass and interfaces) of a public class outside
   * {@code .internal}: users must be able to upgrade a library Socle uses without recompiling
   * against it.
   */
  static final ArchRule NO_THIRD_PARTY_TYPE_IN_PUBLIC_SIGNATURES =
      classes()
          .that()
          .resideInAPackage("fr.socle..")
          .and()
          .resideOutsideOfPackage("fr.socle..internal..")
          .and()
          .arePublic()
          .should(exposeOnlyJdkJakartaOrSocleTypes())
          .because(
              "third-party types in the public API would tie users to Socle's library versions");

  // ---------------------------------------------------------------- errors

  /**
   * The packages already converted to the error rule of docs/core.md. Each block adds its root
   * package here in the change that converts it (payment, storage, storage-s3 and testkit follow as
   * their parts of issue #15 merge); once all are listed, this becomes {@code fr.socle..}.
   */
  static final String[] ERROR_RULE_PACKAGES = {
    "fr.socle.core..",
    "fr.socle.refdata..",
    "fr.socle.identity..",
    "fr.socle.onceonly..",
    "fr.socle.storage.s3..",
    // The test kit's simulators; its storage fakes and contract suites leave for their own
    // modules in issue #15 and follow the rule there.
    "fr.socle.testkit.franceconnect..",
    "fr.socle.testkit.payfip..",
    "fr.socle.testkit.onceonly..",
    "fr.socle.testkit.internal..",
    // The storage block's public API and SPI (fr.socle.storage.s3 is listed above).
    "fr.socle.storage",
    "fr.socle.storage.spi",
    // The payment block (its packages one by one: the test kit's payfip simulator is listed above).
    "fr.socle.payment",
    "fr.socle.payment.spi",
    "fr.socle.payment.payfip",
    "fr.socle.payment.jdbc"
  };

  /**
   * No public-API class of a converted package constructs an {@link IllegalArgumentException} or
   * {@link IllegalStateException} (or a subclass): bad values are {@code InvalidInputException}s,
   * nulls {@code NullPointerException}s naming the parameter. Only direct {@code throw new} sites
   * can be seen statically; internal helpers may still throw them when their callers translate at
   * the boundary.
   */
  static final ArchRule NO_ILLEGAL_ARGUMENT_OR_STATE_IN_PUBLIC_API =
      noClasses()
          .that()
          .resideInAnyPackage(ERROR_RULE_PACKAGES)
          .and()
          .resideOutsideOfPackage("fr.socle..internal..")
          .should()
          .callConstructorWhere(constructsIllegalArgumentOrState())
          .because("docs/core.md, \"Errors: one rule\": bad values raise InvalidInputException");

  /**
   * No public method of a converted package declares
   * IllegalArgumentException/IllegalStateException.
   */
  static final ArchRule NO_ILLEGAL_ARGUMENT_OR_STATE_DECLARED =
      noMethods()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .resideInAnyPackage(ERROR_RULE_PACKAGES)
          .should()
          .declareThrowableOfType(IllegalArgumentException.class)
          .orShould()
          .declareThrowableOfType(IllegalStateException.class)
          .because("docs/core.md, \"Errors: one rule\": bad values raise InvalidInputException");

  // ---------------------------------------------------------------- predicates and conditions

  private static DescribedPredicate<JavaClass> belongTo(List<Modules> modules) {
    return DescribedPredicate.describe(
        "belong to " + modules,
        javaClass -> Modules.of(javaClass).filter(modules::contains).isPresent());
  }

  private static DescribedPredicate<JavaConstructorCall> constructsIllegalArgumentOrState() {
    return DescribedPredicate.describe(
        "the constructor of IllegalArgumentException or IllegalStateException",
        call ->
            call.getTargetOwner().isAssignableTo(IllegalArgumentException.class)
                || call.getTargetOwner().isAssignableTo(IllegalStateException.class));
  }

  private static ArchCondition<JavaClass> onlyUseModulesTheyMayDependOn() {
    return new ArchCondition<>("depend only on the Socle modules they are allowed to") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Modules from = Modules.of(origin).orElseThrow();
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          Optional<Modules> to = Modules.of(dependency.getTargetClass().getBaseComponentType());
          if (to.isPresent() && !from.mayDependOn(to.get())) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency, from + " -> " + to.get() + ": " + dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> useNoOtherModulesInternals() {
    return new ArchCondition<>("use no internal package of another module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<Modules> from = Modules.of(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (!Modules.isInternal(target)) {
            continue;
          }
          Optional<Modules> to = Modules.of(target);
          if (to.isPresent() && !to.equals(from)) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    "internal of "
                        + to.get()
                        + " used by "
                        + from.map(String::valueOf).orElse("?")
                        + ": "
                        + dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> exposeOnlyJdkJakartaOrSocleTypes() {
    return new ArchCondition<>(
        "expose only java, javax, jakarta or fr.socle types in public signatures") {
      @Override
      public void check(JavaClass owner, ConditionEvents events) {
        List<String> allowed = allowedPrefixes(owner);
        List<String> found = new ArrayList<>();
        owner.getRawSuperclass().ifPresent(s -> inspect("superclass", s, allowed, found));
        owner.getInterfaces().forEach(i -> inspect("interface", i, allowed, found));
        for (JavaField field : owner.getFields()) {
          if (exposed(field)) {
            inspect("field " + field.getName(), field.getType(), allowed, found);
          }
        }
        for (JavaCodeUnit unit : owner.getCodeUnits()) {
          if (!exposed(unit) || unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
            continue;
          }
          String where = unit.getName() + "(..)";
          inspect(where + " return", unit.getReturnType(), allowed, found);
          unit.getParameterTypes().forEach(p -> inspect(where + " parameter", p, allowed, found));
          unit.getThrowsClause()
              .getTypes()
              .forEach(t -> inspect(where + " throws", t, allowed, found));
        }
        for (String violation : found) {
          events.add(SimpleConditionEvent.violated(owner, owner.getName() + ": " + violation));
        }
      }
    };
  }

  private static boolean exposed(JavaMember member) {
    return member.getModifiers().contains(JavaModifier.PUBLIC)
        || member.getModifiers().contains(JavaModifier.PROTECTED);
  }

  private static List<String> allowedPrefixes(JavaClass owner) {
    List<String> allowed = new ArrayList<>(List.of("java.", "javax.", "jakarta.", "fr.socle."));
    SIGNATURE_ALLOWANCES.forEach(
        (socleRoot, allowance) -> {
          String pkg = owner.getPackageName();
          if (pkg.equals(socleRoot) || pkg.startsWith(socleRoot + ".")) {
            allowed.addAll(allowance.packagePrefixes());
          }
        });
    return allowed;
  }

  private static void inspect(
      String where, JavaType type, List<String> allowed, List<String> found) {
    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
      JavaClass base = raw.getBaseComponentType();
      if (base.isPrimitive()) {
        continue;
      }
      String name = base.getName();
      if (allowed.stream().noneMatch(name::startsWith)) {
        found.add(where + " exposes " + name);
      }
    }
  }
}
