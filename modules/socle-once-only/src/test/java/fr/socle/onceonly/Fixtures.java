package fr.socle.onceonly;

import java.time.LocalDate;

/**
 * Answers shaped like the examples of the APIs' OpenAPI files (same members, same envelopes),
 * written for these tests with invented people and companies.
 */
final class Fixtures {
  private Fixtures() {}

  static final String RECIPIENT = "21350238800019";

  static Identite camille() {
    return Identite.builder()
        .nomNaissance("LEGRAND")
        .prenoms("CAMILLE", "ROSE")
        .sexe(Sexe.F)
        .dateNaissance(LocalDate.of(1987, 5, 14))
        .codePaysNaissance(Identite.FRANCE)
        .codeCommuneNaissance("35238")
        .build();
  }

  static final String QF_CNAF =
      """
      {"data":{
        "allocataires":[{"nom_naissance":"LEGRAND","nom_usage":"BERTIN","prenoms":"CAMILLE ROSE",
          "date_naissance":"1987-05-14","sexe":"F"}],
        "enfants":[{"nom_naissance":"BERTIN","nom_usage":null,"prenoms":"LOUIS",
          "date_naissance":"2016-02-00","sexe":"M"},
          {"nom_naissance":"BERTIN","nom_usage":null,"prenoms":"EMMA",
          "date_naissance":"2019-09-01","sexe":"F"}],
        "adresse":{"destinataire":"Madame BERTIN CAMILLE","complement_information":null,
          "complement_information_geographique":null,"numero_libelle_voie":"3 RUE DES LILAS",
          "lieu_dit":null,"code_postal_ville":"35000 RENNES","pays":"FRANCE"},
        "quotient_familial":{"fournisseur":"CNAF","valeur":642,"annee":2026,"mois":11,
          "annee_calcul":2026,"mois_calcul":9}},
       "links":{},"meta":{}}
      """;

  static String error(String code, String title, String extra) {
    return "{\"errors\":[{\"code\":\""
        + code
        + "\",\"title\":\""
        + title
        + "\",\"detail\":\"detail\",\"source\":null,\"meta\":{"
        + extra
        + "}}]}";
  }

  static final String NOT_FOUND =
      error("37003", "Dossier allocataire absent CNAV", "\"provider\":\"CNAV\"");

  static final String VIGILANCE_OK =
      """
      {"data":{"entity_status":{"code":"ok","libelle":"Attestation délivrée par l'Urssaf",
        "description":"L'attestation de vigilance a été délivrée par l'Urssaf"},
        "date_debut_validite":"2026-10-03","date_fin_validite":"2027-04-30",
        "code_securite":"AB1CDEFGHJJ2X3Y","document_url":"https://storage.example.test/att.pdf",
        "document_url_expires_in":86400},"links":{},"meta":{}}
      """;

  static final String VIGILANCE_REFUS =
      """
      {"data":{"entity_status":{"code":"refus_de_delivrance","libelle":"Refus",
        "description":"Refus de délivrance"},"date_debut_validite":null,"date_fin_validite":null,
        "code_securite":null,"document_url":null,"document_url_expires_in":null},
       "links":{},"meta":{}}
      """;

  static final String FISCALE =
      """
      {"data":{"document_url":"https://storage.example.test/fiscale.pdf",
        "document_url_expires_in":86400,"date_delivrance_attestation":"2026-12-01",
        "date_periode_analysee":"2026-11-30"},"links":{},"meta":{}}
      """;

  static final String UNITE_LEGALE =
      """
      {"data":{"siren":"418166096","rna":null,"siret_siege_social":"41816609600069",
        "type":"personne_morale",
        "personne_morale_attributs":{"raison_sociale":"OCTO TECHNOLOGY","sigle":"OCTO"},
        "personne_physique_attributs":{"pseudonyme":null,"prenom_usuel":null,"prenom_1":null,
          "nom_usage":null,"nom_naissance":null,"sexe":null},
        "categorie_entreprise":"GE","status_diffusion":"diffusible",
        "diffusable_commercialement":true,
        "forme_juridique":{"code":"5710","libelle":"SAS, société par actions simplifiée"},
        "activite_principale":{"code":"62.02A","libelle":"Conseil en systèmes","nomenclature":"NAFRev2"},
        "etat_administratif":"A","economie_sociale_et_solidaire":false,"date_creation":891381600},
       "links":{},"meta":{}}
      """;
}
