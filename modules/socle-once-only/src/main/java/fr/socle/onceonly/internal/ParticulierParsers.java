package fr.socle.onceonly.internal;

import static fr.socle.onceonly.internal.Nodes.bool;
import static fr.socle.onceonly.internal.Nodes.boolOpt;
import static fr.socle.onceonly.internal.Nodes.dateOpt;
import static fr.socle.onceonly.internal.Nodes.intOpt;
import static fr.socle.onceonly.internal.Nodes.integer;
import static fr.socle.onceonly.internal.Nodes.object;
import static fr.socle.onceonly.internal.Nodes.objectOpt;
import static fr.socle.onceonly.internal.Nodes.objects;
import static fr.socle.onceonly.internal.Nodes.string;
import static fr.socle.onceonly.internal.Nodes.stringOpt;

import fr.socle.onceonly.AdressePostale;
import fr.socle.onceonly.DroitPrestation;
import fr.socle.onceonly.EtudiantBoursier;
import fr.socle.onceonly.Fournisseur;
import fr.socle.onceonly.ParticipationFamilialeEaje;
import fr.socle.onceonly.Personne;
import fr.socle.onceonly.Prestation;
import fr.socle.onceonly.QuotientFamilial;
import fr.socle.onceonly.Scolarite;
import fr.socle.onceonly.StatutEtudiant;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads API Particulier's {@code data} objects into Socle's records, failing closed. */
public final class ParticulierParsers {
  private ParticulierParsers() {}

  /**
   * Reads a quotient familial.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static QuotientFamilial quotientFamilial(Map<String, Object> data) {
    Map<String, Object> qf = object(data, "quotient_familial");
    Fournisseur fournisseur;
    String f = string(qf, "fournisseur");
    try {
      fournisseur = Fournisseur.valueOf(f);
    } catch (IllegalArgumentException e) {
      throw Nodes.malformed("quotient_familial.fournisseur is neither CNAF nor MSA");
    }
    long valeur = integer(qf, "valeur");
    if (valeur < 0 || valeur > 1_000_000) {
      throw Nodes.malformed("quotient_familial.valeur is out of range");
    }
    return new QuotientFamilial(
        fournisseur,
        (int) valeur,
        month(qf, "annee", "mois"),
        month(qf, "annee_calcul", "mois_calcul"),
        personnes(data, "allocataires"),
        personnes(data, "enfants"),
        adresse(data));
  }

  /**
   * Reads an EAJE participation.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static ParticipationFamilialeEaje eaje(Map<String, Object> data) {
    Map<String, Object> p = object(data, "parametres_calcul_participation_familiale");
    Map<String, Object> ressources = object(p, "base_ressources_annuelles");
    return new ParticipationFamilialeEaje(
        personnes(data, "allocataires"),
        personnes(data, "enfants"),
        adresse(data),
        (int) integer(p, "nombre_enfants_a_charge"),
        (int) integer(p, "nombre_enfants_beneficiaire_aeeh"),
        integer(ressources, "valeur"),
        (int) integer(ressources, "annee_calcul"));
  }

  /**
   * Reads a benefit status.
   *
   * @param prestation the benefit asked for
   * @param data the {@code data} object
   * @return the record
   */
  public static DroitPrestation prestation(Prestation prestation, Map<String, Object> data) {
    boolean beneficiaire;
    Optional<String> statut = Optional.empty();
    if (prestation == Prestation.ALLOCATION_ENFANT_HANDICAPE) {
      String s = string(data, "status");
      if (!List.of("allocataire", "ouvrant_droit", "non_beneficiaire").contains(s)) {
        throw Nodes.malformed("status is not a known AEEH status");
      }
      statut = Optional.of(s);
      beneficiaire = !s.equals("non_beneficiaire");
    } else {
      beneficiaire = bool(data, "est_beneficiaire");
    }
    return new DroitPrestation(
        prestation,
        beneficiaire,
        boolOpt(data, "avec_majoration"),
        boolOpt(data, "avec_participation"),
        statut,
        dateOpt(data, "date_debut_droit"));
  }

  /**
   * Reads a schooling status.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static Scolarite scolarite(Map<String, Object> data) {
    return new Scolarite(
        string(data, "annee_scolaire"),
        bool(data, "est_scolarise"),
        boolOpt(data, "est_boursier").orElse(false),
        intOpt(data, "echelon_bourse"),
        objectOpt(data, "etablissement").flatMap(e -> stringOpt(e, "code_uai")),
        objectOpt(data, "statut_eleve").flatMap(e -> stringOpt(e, "libelle")),
        objectOpt(data, "regime_pensionnat").flatMap(e -> stringOpt(e, "libelle")));
  }

  /**
   * Reads a student status.
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static StatutEtudiant statutEtudiant(Map<String, Object> data) {
    return new StatutEtudiant(
        objects(data, "admissions").stream()
            .map(
                a ->
                    new StatutEtudiant.Admission(
                        dateOpt(a, "date_debut"),
                        dateOpt(a, "date_fin"),
                        bool(a, "est_inscrit"),
                        objectOpt(a, "regime_formation").flatMap(r -> stringOpt(r, "libelle")),
                        stringOpt(a, "code_cog_insee_commune"),
                        objectOpt(a, "etablissement_etudes").flatMap(e -> stringOpt(e, "uai")),
                        objectOpt(a, "etablissement_etudes").flatMap(e -> stringOpt(e, "nom"))))
            .toList());
  }

  /**
   * Reads a grant status (v4).
   *
   * @param data the {@code data} object
   * @return the record
   */
  public static EtudiantBoursier etudiantBoursier(Map<String, Object> data) {
    Map<String, Object> statut = object(data, "statut_boursier");
    Optional<Map<String, Object>> periode = objectOpt(data, "periode_versement_bourse");
    Optional<Map<String, Object>> etab = objectOpt(data, "etablissement_etudes");
    return new EtudiantBoursier(
        bool(statut, "est_boursier"),
        boolOpt(statut, "est_radie").orElse(false),
        objectOpt(data, "echelon_bourse").flatMap(e -> stringOpt(e, "echelon")),
        periode.flatMap(p -> dateOpt(p, "date_rentree")),
        periode.flatMap(p -> Nodes.decimalOpt(p, "duree")).map(d -> d.intValue()),
        etab.flatMap(e -> stringOpt(e, "nom_etablissement")),
        etab.flatMap(e -> stringOpt(e, "nom_commune")));
  }

  private static YearMonth month(Map<String, Object> node, String year, String month) {
    try {
      return YearMonth.of((int) integer(node, year), (int) integer(node, month));
    } catch (DateTimeException e) {
      throw Nodes.malformed(year + "/" + month + " is not a month");
    }
  }

  private static List<Personne> personnes(Map<String, Object> data, String key) {
    return objects(data, key).stream()
        .map(
            p ->
                new Personne(
                    string(p, "nom_naissance"),
                    stringOpt(p, "nom_usage"),
                    stringOpt(p, "prenoms").orElse(""),
                    stringOpt(p, "date_naissance"),
                    stringOpt(p, "sexe")))
        .toList();
  }

  private static Optional<AdressePostale> adresse(Map<String, Object> data) {
    return objectOpt(data, "adresse")
        .map(
            a ->
                new AdressePostale(
                    stringOpt(a, "destinataire"),
                    stringOpt(a, "complement_information"),
                    stringOpt(a, "complement_information_geographique"),
                    stringOpt(a, "numero_libelle_voie"),
                    stringOpt(a, "lieu_dit"),
                    stringOpt(a, "code_postal_ville"),
                    stringOpt(a, "pays")));
  }
}
