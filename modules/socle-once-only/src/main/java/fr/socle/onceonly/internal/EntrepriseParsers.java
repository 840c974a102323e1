package fr.socle.onceonly.internal;

import static fr.socle.onceonly.internal.Nodes.boolOpt;
import static fr.socle.onceonly.internal.Nodes.date;
import static fr.socle.onceonly.internal.Nodes.dateOpt;
import static fr.socle.onceonly.internal.Nodes.epochDateOpt;
import static fr.socle.onceonly.internal.Nodes.object;
import static fr.socle.onceonly.internal.Nodes.objectOpt;
import static fr.socle.onceonly.internal.Nodes.secondsOpt;
import static fr.socle.onceonly.internal.Nodes.string;
import static fr.socle.onceonly.internal.Nodes.stringOpt;
import static fr.socle.onceonly.internal.Nodes.urlOpt;

import fr.socle.onceonly.Association;
import fr.socle.onceonly.AttestationFiscale;
import fr.socle.onceonly.AttestationVigilance;
import fr.socle.onceonly.Etablissement;
import fr.socle.onceonly.ExtraitRcs;
import fr.socle.onceonly.ExtraitRne;
import fr.socle.onceonly.UniteLegale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads API Entreprise's {@code data} objects into Socle's records, failing closed. */
public final class EntrepriseParsers {
  private EntrepriseParsers() {}

  /**
   * Reads a legal unit.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static UniteLegale uniteLegale(Map<String, Object> data) {
    Optional<Map<String, Object>> pm = objectOpt(data, "personne_morale_attributs");
    Optional<Map<String, Object>> pp = objectOpt(data, "personne_physique_attributs");
    Optional<String> name =
        pm.flatMap(m -> stringOpt(m, "raison_sociale"))
            .or(
                () ->
                    pp.flatMap(
                        p ->
                            join(
                                List.of(
                                    stringOpt(p, "prenom_usuel").or(() -> stringOpt(p, "prenom_1")),
                                    stringOpt(p, "nom_usage")
                                        .or(() -> stringOpt(p, "nom_naissance"))))));
    Optional<Map<String, Object>> forme = objectOpt(data, "forme_juridique");
    return new UniteLegale(
        string(data, "siren"),
        name,
        pm.flatMap(m -> stringOpt(m, "sigle")),
        forme.flatMap(f -> stringOpt(f, "code")),
        forme.flatMap(f -> stringOpt(f, "libelle")),
        objectOpt(data, "activite_principale").flatMap(a -> stringOpt(a, "code")),
        "A".equals(stringOpt(data, "etat_administratif").orElse("")),
        stringOpt(data, "siret_siege_social"),
        diffusible(data),
        epochDateOpt(data, "date_creation"));
  }

  /**
   * Reads an establishment.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static Etablissement etablissement(Map<String, Object> data) {
    String siret = string(data, "siret");
    Optional<Map<String, Object>> a = objectOpt(data, "adresse");
    Optional<String> street =
        a.flatMap(
            ad ->
                join(
                    List.of(
                        stringOpt(ad, "numero_voie"),
                        stringOpt(ad, "indice_repetition_voie"),
                        stringOpt(ad, "type_voie"),
                        stringOpt(ad, "libelle_voie"))));
    return new Etablissement(
        siret,
        objectOpt(data, "unite_legale")
            .flatMap(u -> stringOpt(u, "siren"))
            .orElse(siret.substring(0, Math.min(9, siret.length()))),
        boolOpt(data, "siege_social").orElse(false),
        "A".equals(stringOpt(data, "etat_administratif").orElse("")),
        stringOpt(data, "enseigne"),
        objectOpt(data, "activite_principale").flatMap(x -> stringOpt(x, "code")),
        street,
        a.flatMap(ad -> stringOpt(ad, "code_postal")),
        a.flatMap(ad -> stringOpt(ad, "libelle_commune")),
        a.flatMap(ad -> stringOpt(ad, "code_commune")),
        diffusible(data));
  }

  /**
   * Reads an attestation de vigilance. A delivered attestation without its validity dates or
   * document is malformed: fail closed rather than report "valid" without proof.
   *
   * @param siren the company asked for
   * @param data the {@code data} object
   * @return the record
   */
  public static AttestationVigilance attestationVigilance(String siren, Map<String, Object> data) {
    String code = string(object(data, "entity_status"), "code");
    boolean delivree;
    if (code.equals("ok")) {
      delivree = true;
    } else if (code.equals("refus_de_delivrance")) {
      delivree = false;
    } else {
      throw Nodes.malformed("entity_status.code is neither ok nor refus_de_delivrance");
    }
    AttestationVigilance a =
        new AttestationVigilance(
            siren,
            delivree,
            dateOpt(data, "date_debut_validite"),
            dateOpt(data, "date_fin_validite"),
            stringOpt(data, "code_securite"),
            urlOpt(data, "document_url"),
            secondsOpt(data, "document_url_expires_in"));
    if (delivree
        && (a.dateDebutValidite().isEmpty()
            || a.dateFinValidite().isEmpty()
            || a.documentUrl().isEmpty())) {
      throw Nodes.malformed("a delivered attestation de vigilance lacks its dates or document");
    }
    if (delivree && a.dateFinValidite().get().isBefore(a.dateDebutValidite().get())) {
      throw Nodes.malformed("attestation de vigilance ends before it starts");
    }
    return a;
  }

  /**
   * Reads an attestation fiscale.
   *
   * @param siren the company asked for
   * @param data the {@code data} object
   * @return the record
   */
  public static AttestationFiscale attestationFiscale(String siren, Map<String, Object> data) {
    return new AttestationFiscale(
        siren,
        urlOpt(data, "document_url").orElseThrow(() -> Nodes.malformed("document_url is missing")),
        secondsOpt(data, "document_url_expires_in")
            .orElseThrow(() -> Nodes.malformed("document_url_expires_in is missing")),
        date(data, "date_delivrance_attestation"),
        date(data, "date_periode_analysee"));
  }

  /**
   * Reads an RCS extract.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static ExtraitRcs extraitRcs(Map<String, Object> data) {
    Optional<Map<String, Object>> pm = objectOpt(data, "personne_morale");
    Optional<Map<String, Object>> capital = objectOpt(data, "capital");
    return new ExtraitRcs(
        string(data, "siren"),
        pm.flatMap(m -> stringOpt(m, "denomination")),
        pm.flatMap(m -> objectOpt(m, "forme_juridique")).flatMap(f -> stringOpt(f, "libelle")),
        objectOpt(data, "greffe").flatMap(g -> stringOpt(g, "valeur")),
        dateOpt(data, "date_immatriculation"),
        dateOpt(data, "date_radiation"),
        dateOpt(data, "date_extrait"),
        capital.flatMap(c -> Nodes.decimalOpt(c, "montant")),
        capital.flatMap(c -> stringOpt(c, "code_devise").or(() -> stringOpt(c, "devise"))));
  }

  /**
   * Reads an RNE extract.
   *
   * @param siren the company asked for
   * @param data the {@code data} object
   * @return the record
   */
  public static ExtraitRne extraitRne(String siren, Map<String, Object> data) {
    Map<String, Object> id = object(data, "identite_entreprise");
    Optional<Map<String, Object>> capital = objectOpt(id, "capital_social");
    return new ExtraitRne(
        stringOpt(id, "siren").orElse(siren),
        stringOpt(id, "denomination"),
        objectOpt(id, "forme_juridique").flatMap(f -> stringOpt(f, "libelle")),
        dateOpt(id, "date_immatriculation_rne"),
        dateOpt(id, "date_debut_activite"),
        objectOpt(id, "dissolution").flatMap(d -> dateOpt(d, "date")),
        capital.flatMap(c -> Nodes.decimalOpt(c, "montant")),
        capital.flatMap(c -> stringOpt(c, "devise")),
        urlOpt(data, "document_url"));
  }

  /**
   * Reads an association.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static Association association(Map<String, Object> data) {
    Optional<Map<String, Object>> siege = objectOpt(data, "adresse_siege");
    return new Association(
        stringOpt(data, "rna"),
        stringOpt(data, "siren"),
        string(data, "nom"),
        stringOpt(data, "sigle"),
        boolOpt(data, "active").orElse(true),
        boolOpt(data, "reconnue_utilite_publique").orElse(false),
        stringOpt(data, "siret_siege"),
        dateOpt(data, "date_creation"),
        dateOpt(data, "date_dissolution"),
        objectOpt(data, "activites").flatMap(a -> stringOpt(a, "objet")),
        siege.flatMap(s -> stringOpt(s, "commune")));
  }

  private static boolean diffusible(Map<String, Object> data) {
    return "diffusible".equals(stringOpt(data, "status_diffusion").orElse("diffusible"));
  }

  private static Optional<String> join(List<Optional<String>> parts) {
    String s = parts.stream().flatMap(Optional::stream).collect(Collectors.joining(" ")).trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
