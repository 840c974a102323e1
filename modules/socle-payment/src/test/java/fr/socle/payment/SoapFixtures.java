package fr.socle.payment;

/**
 * PayFiP answers written from the message shapes recorded against the real service (JAX-WS style
 * {@code S:} prefix, qualified wrapper, unqualified fields, faults with a typed detail).
 */
public final class SoapFixtures {
  public static final String NS =
      "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
          + "contrat_paiement_securise/PaiementSecuriseService";

  private SoapFixtures() {}

  public static String envelope(String body) {
    return "<?xml version='1.0' encoding='UTF-8'?>"
        + "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
        + body
        + "</S:Body></S:Envelope>";
  }

  public static String created(String idOp) {
    return envelope(
        "<ns2:creerPaiementSecuriseResponse xmlns:ns2=\""
            + NS
            + "\"><return><idOp>"
            + idOp
            + "</idOp></return></ns2:creerPaiementSecuriseResponse>");
  }

  /** A detail answer with every field, as the guide's example. */
  public static String detail(
      String idOp, String resultrans, long montant, String refdet, String numcli, String saisie) {
    return envelope(
        "<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2=\""
            + NS
            + "\"><return>"
            + "<dattrans>19112015</dattrans><exer>20</exer><heurtrans>1735</heurtrans>"
            + "<idOp>"
            + idOp
            + "</idOp><mel>payer@example.fr</mel><montant>"
            + montant
            + "</montant>"
            + ("P".equals(resultrans) || "V".equals(resultrans)
                ? "<numauto>112233445566-tip</numauto>"
                : "")
            + "<numcli>"
            + numcli
            + "</numcli><objet>Cantine</objet><refdet>"
            + refdet
            + "</refdet><resultrans>"
            + resultrans
            + "</resultrans><saisie>"
            + saisie
            + "</saisie></return></ns2:recupererDetailPaiementSecuriseResponse>");
  }

  public static String clientDetail(String numcli) {
    return envelope(
        "<ns2:recupererDetailClientResponse xmlns:ns2=\""
            + NS
            + "\"><return><libelleN1>COMMUNE DE DEMO</libelleN1><libelleN2>CANTINE</libelleN2>"
            + "<libelleN3></libelleN3><numcli>"
            + numcli
            + "</numcli></return></ns2:recupererDetailClientResponse>");
  }

  public static String fault(String type, String code, String libelle) {
    return envelope(
        "<S:Fault><faultcode>S:Server</faultcode>"
            + "<faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions."
            + type
            + "</faultstring><detail><ns2:"
            + type
            + " xmlns:ns2=\""
            + NS
            + "\"><code>"
            + code
            + "</code><descriptif/><libelle>"
            + libelle
            + "</libelle><severite>2</severite></ns2:"
            + type
            + "></detail></S:Fault>");
  }

  public static String functional(String code, String libelle) {
    return fault("FonctionnelleErreur", code, libelle);
  }
}
