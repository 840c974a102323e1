package fr.socle.payment.payfip;

/**
 * The family of a PayFiP SOAP fault, from the type of its {@code detail} element (or, failing that,
 * from the Java class name PayFiP puts in {@code faultstring}).
 */
public enum FaultType {
  /**
   * {@code FonctionnelleErreur}: the request or the operation id was refused (R3, A2, P1, P5...).
   */
  FUNCTIONAL("FonctionnelleErreur"),
  /** {@code TechDysfonctionnementErreur}: an internal error of PayFiP. */
  TECHNICAL_MALFUNCTION("TechDysfonctionnementErreur"),
  /** {@code TechIndisponibiliteErreur}: PayFiP is unavailable. */
  TECHNICAL_UNAVAILABLE("TechIndisponibiliteErreur"),
  /** {@code TechProtocolaireErreur}: PayFiP did not understand the message. */
  TECHNICAL_PROTOCOL("TechProtocolaireErreur"),
  /** A SOAP fault of no known family. */
  UNRECOGNISED("");

  private final String detailName;

  FaultType(String detailName) {
    this.detailName = detailName;
  }

  /**
   * Returns the local name of the fault's detail element.
   *
   * @return for example {@code FonctionnelleErreur}; empty for {@link #UNRECOGNISED}
   */
  public String detailName() {
    return detailName;
  }

  /**
   * Tells whether the fault is one of the three technical families.
   *
   * @return true for the {@code Tech*} types
   */
  public boolean isTechnical() {
    return this == TECHNICAL_MALFUNCTION
        || this == TECHNICAL_UNAVAILABLE
        || this == TECHNICAL_PROTOCOL;
  }

  /**
   * Finds the family of a detail element or of a {@code faultstring} class name.
   *
   * @param name a local name such as {@code FonctionnelleErreur}, or a fully qualified class name
   *     ending with it
   * @return the family, {@link #UNRECOGNISED} if none matches
   */
  public static FaultType fromName(String name) {
    if (name != null) {
      String simple = name.substring(name.lastIndexOf('.') + 1).trim();
      for (FaultType t : values()) {
        if (t != UNRECOGNISED && t.detailName.equals(simple)) {
          return t;
        }
      }
    }
    return UNRECOGNISED;
  }
}
