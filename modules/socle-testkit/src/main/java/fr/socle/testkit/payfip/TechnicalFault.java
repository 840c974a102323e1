package fr.socle.testkit.payfip;

/**
 * The three families of technical SOAP fault the PayFiP service declares (spec §1.9), each sent
 * with the detail element and {@code faultstring} of the real service.
 */
public enum TechnicalFault {
  /** {@code TechDysfonctionnementErreur}: an internal failure of the service. */
  DYSFONCTIONNEMENT("TechDysfonctionnementErreur", "Erreur technique : dysfonctionnement."),
  /** {@code TechIndisponibiliteErreur}: the service or one of its back ends is unavailable. */
  INDISPONIBILITE("TechIndisponibiliteErreur", "Service momentanement indisponible."),
  /** {@code TechProtocolaireErreur}: a protocol error between the service and its back ends. */
  PROTOCOLAIRE("TechProtocolaireErreur", "Erreur technique protocolaire.");

  private final String detailElement;
  private final String libelle;

  TechnicalFault(String detailElement, String libelle) {
    this.detailElement = detailElement;
    this.libelle = libelle;
  }

  /**
   * Returns the local name of the fault's detail element, for example {@code
   * TechIndisponibiliteErreur}.
   *
   * @return the element name
   */
  public String detailElement() {
    return detailElement;
  }

  String libelle() {
    return libelle;
  }
}
