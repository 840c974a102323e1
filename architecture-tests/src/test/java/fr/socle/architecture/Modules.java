package fr.socle.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The published modules, each known by the packages its classes live in, and the Socle modules each
 * may depend on. Adapters share their block's package tree (fr.socle.payment.jdbc lives under
 * fr.socle.payment), so a class belongs to the module with the longest matching package prefix.
 */
enum Modules {
  CORE("fr.socle.core"),
  IDENTITY("fr.socle.identity", CORE),
  IDENTITY_SERVLET("fr.socle.identity.servlet", CORE, IDENTITY),
  PAYMENT("fr.socle.payment", CORE),
  PAYMENT_JDBC("fr.socle.payment.jdbc", CORE, PAYMENT),
  STORAGE("fr.socle.storage", CORE),
  STORAGE_S3("fr.socle.storage.s3", CORE, STORAGE),
  REFDATA("fr.socle.refdata", CORE),
  ONCE_ONLY("fr.socle.onceonly", CORE),
  ONCE_ONLY_JDBC("fr.socle.onceonly.jdbc", CORE, ONCE_ONLY),
  // The test kit is the peer, not a client: its simulators speak the protocols on the wire and
  // share no code with the blocks, so it depends on core only and every block's tests may use it.
  TESTKIT("fr.socle.testkit", CORE),
  // The contract suites of the SPIs, in their own artefact: they need the SPI owners, whose tests
  // use the test kit, so living in the test kit would make a reactor cycle.
  TESTKIT_CONTRACTS("fr.socle.testkit.contract", CORE, PAYMENT, STORAGE, ONCE_ONLY);

  /**
   * The blocks: they depend on core only, never on each other. A new block (once-only...) is added
   * here.
   */
  static final List<Modules> BLOCKS = List.of(IDENTITY, PAYMENT, STORAGE, REFDATA, ONCE_ONLY);

  /** The adapters: each depends on its block (and core) only. */
  static final List<Modules> ADAPTERS =
      List.of(IDENTITY_SERVLET, PAYMENT_JDBC, STORAGE_S3, ONCE_ONLY_JDBC);

  private final String rootPackage;
  private final Set<Modules> allowed;

  Modules(String rootPackage, Modules... allowed) {
    this.rootPackage = rootPackage;
    this.allowed = Set.of(allowed);
  }

  String rootPackage() {
    return rootPackage;
  }

  /** Whether classes of this module may use the public API of {@code other}. */
  boolean mayDependOn(Modules other) {
    return other == this || allowed.contains(other);
  }

  /** The module a class belongs to, by the longest root package that contains it. */
  static Optional<Modules> of(JavaClass javaClass) {
    String pkg = javaClass.getPackageName();
    Modules best = null;
    for (Modules module : values()) {
      boolean inside = pkg.equals(module.rootPackage) || pkg.startsWith(module.rootPackage + ".");
      if (inside && (best == null || module.rootPackage.length() > best.rootPackage.length())) {
        best = module;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether the class lives in an internal package ({@code ..internal..}). */
  static boolean isInternal(JavaClass javaClass) {
    String pkg = javaClass.getPackageName();
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }
}
