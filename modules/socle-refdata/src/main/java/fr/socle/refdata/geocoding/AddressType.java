package fr.socle.refdata.geocoding;

/** The granularity of a geocoding result ({@code type}). */
public enum AddressType {
  /** A numbered address ("à la plaque"). */
  HOUSENUMBER("housenumber"),
  /** A street, positioned near its middle. */
  STREET("street"),
  /** A lieu-dit. */
  LOCALITY("locality"),
  /** A commune. */
  MUNICIPALITY("municipality");

  private final String wire;

  AddressType(String wire) {
    this.wire = wire;
  }

  /**
   * Returns the value the API uses.
   *
   * @return for example {@code housenumber}
   */
  public String wire() {
    return wire;
  }

  static java.util.Optional<AddressType> fromWire(String s) {
    for (AddressType t : values()) {
      if (t.wire.equals(s)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
