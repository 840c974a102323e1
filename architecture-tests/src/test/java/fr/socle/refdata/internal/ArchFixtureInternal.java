package fr.socle.refdata.internal;

/**
 * An internal class that may throw IllegalArgumentException (translated at the boundary). Fixture.
 */
public final class ArchFixtureInternal {
  /**
   * Internal code may use IllegalArgumentException.
   *
   * @param n a number
   */
  public void check(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n");
    }
  }
}
