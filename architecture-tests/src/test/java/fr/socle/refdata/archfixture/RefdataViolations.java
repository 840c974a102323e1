package fr.socle.refdata.archfixture;

import com.tngtech.archunit.core.domain.JavaClass;
import fr.socle.core.internal.SocleVersion;
import fr.socle.storage.spi.ObjectStore;
import fr.socle.testkit.archfixture.JunitExtensionFixture;

/** Deliberate violations in a block's package, for SocleRulesSelfTest only. */
public final class RefdataViolations {

  private RefdataViolations() {}

  /** A block using another block. */
  public static final class BlockOnOtherBlock {
    Class<?> store() {
      return ObjectStore.class;
    }
  }

  /** Main code using the test kit. */
  public static final class OnTestkit {
    Object store() {
      return new JunitExtensionFixture();
    }
  }

  /** A block using core's internal package. */
  public static final class OnOtherModulesInternal {
    String version() {
      return SocleVersion.get();
    }
  }

  /** A third-party type returned by a public method. */
  public static final class ThirdPartyReturned {
    /**
     * Leaks ArchUnit.
     *
     * @return nothing
     */
    public JavaClass leak() {
      return null;
    }
  }

  /** A third-party type taken as a parameter by a public constructor. */
  public static final class ThirdPartyParameter {
    /**
     * Leaks ArchUnit.
     *
     * @param type anything
     */
    public ThirdPartyParameter(JavaClass type) {}
  }

  /** A third-party type as a type argument of a public field. */
  public static final class ThirdPartyTypeArgument {
    /** Leaks ArchUnit through a generic. */
    public java.util.List<JavaClass> types = java.util.List.of();
  }

  /** A third-party superclass. */
  public static final class ThirdPartySuperclass extends org.assertj.core.api.Assertions {}

  /** Only JDK and Socle types in public signatures, third-party ones in private: allowed. */
  public static final class CleanSignatures {
    /**
     * Clean.
     *
     * @return a JDK type
     */
    public String clean() {
      return hidden().toString();
    }

    private JavaClass hidden() {
      return null;
    }
  }

  /** A public method of a converted block throwing IllegalArgumentException for a bad value. */
  public static final class ThrowsIllegalArgument {
    /**
     * Rejects negative numbers the old way.
     *
     * @param n a number
     */
    public void check(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("n must be positive");
      }
    }
  }

  /** A builder failing with IllegalStateException. */
  public static final class ThrowsIllegalState {
    /** Fails the old way. */
    public void build() {
      throw new IllegalStateException("clientId is required");
    }
  }

  /** A subclass of IllegalArgumentException is caught too. */
  public static final class ThrowsNumberFormat {
    /** Fails with a subclass. */
    public void parse() {
      throw new NumberFormatException("bad");
    }
  }

  /** A public method declaring IllegalStateException. */
  public static final class DeclaresIllegalState {
    /**
     * Declares the old way.
     *
     * @throws IllegalStateException always
     */
    public void build() throws IllegalStateException {}
  }
}
