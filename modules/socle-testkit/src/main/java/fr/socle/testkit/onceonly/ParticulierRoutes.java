package fr.socle.testkit.onceonly;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** API Particulier's routes, with the real API's parameter checks and identity matching. */
final class ParticulierRoutes {
  static final List<String> PRESTATIONS =
      List.of(
          "revenu_solidarite_active",
          "prime_activite",
          "allocation_adulte_handicape",
          "allocation_enfant_handicape",
          "allocation_soutien_familial",
          "complementaire_sante_solidaire");

  private static final Pattern ROUTE =
      Pattern.compile(
          "/v3/dss/(quotient_familial|participation_familiale_eaje|"
              + String.join("|", PRESTATIONS)
              + ")/(identite|france_connect)"
              + "|/v5/men/scolarites/identite"
              + "|/v3/mesri/statut_etudiant/(identite|france_connect|ine)"
              + "|/v4/cnous/etudiant_boursier/(identite|france_connect|ine)");
  private static final Pattern SIRET = Pattern.compile("\\d{14}");
  private static final Pattern PAYS = Pattern.compile("\\d{5}");
  private static final Pattern COMMUNE = Pattern.compile("(\\d{2}|2A|2B)\\d{3}");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final List<SimulatedHousehold> households;
  private final Clock clock;

  ParticulierRoutes(List<SimulatedHousehold> households, Clock clock) {
    this.households = households;
    this.clock = clock;
  }

  static boolean handles(String path) {
    return ROUTE.matcher(path).matches();
  }

  static boolean franceConnect(String path) {
    return path.endsWith("/france_connect");
  }

  /**
   * Answers a request whose token was checked (a vendor token for {@code /identite} and {@code
   * /ine}; for {@code /france_connect}, the household of the FranceConnect token, or empty for a
   * person without a file).
   */
  Answer answer(String path, Query q, Optional<SimulatedHousehold> fcHousehold) {
    Optional<String> recipient = q.get("recipient");
    if (recipient.isEmpty()) {
      return Answer.missing("recipient", "00203");
    }
    if (!SIRET.matcher(recipient.get()).matches() || !SimulatedCompany.luhn(recipient.get())) {
      return Answer.unprocessable(
          "00203", "Le paramètre recipient n'est pas un SIRET valide", "recipient");
    }
    if (path.startsWith("/v5/men/scolarites")) {
      return scolarite(q);
    }
    if (path.endsWith("/ine")) {
      return byIne(path, q);
    }
    Optional<SimulatedHousehold> household;
    if (franceConnect(path)) {
      household = fcHousehold;
    } else {
      Optional<Answer> invalid = checkIdentity(q);
      if (invalid.isPresent()) {
        return invalid.get();
      }
      Optional<Answer> trigger = trigger(q.get("nomNaissance").orElse(""));
      if (trigger.isPresent()) {
        return trigger.get();
      }
      household = match(q);
    }
    if (path.startsWith("/v3/dss/quotient_familial")) {
      Optional<Answer> month = checkMonth(q);
      if (month.isPresent()) {
        return month.get();
      }
    }
    if (household.isEmpty() || path.contains("/mesri/") || path.contains("/cnous/")) {
      return notFound();
    }
    SimulatedHousehold h = household.get();
    String benefit = path.split("/")[3];
    if (benefit.equals("quotient_familial")) {
      return Answer.data(quotientFamilial(h, q));
    }
    if (benefit.equals("participation_familiale_eaje")) {
      Map<String, Object> data = members(h);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("nombre_enfants_a_charge", h.enfants().size());
      p.put("nombre_enfants_beneficiaire_aeeh", 0);
      p.put(
          "base_ressources_annuelles",
          Map.of(
              "valeur",
              h.quotientFamilial() * 12L * (h.allocataires().size() + h.enfants().size()) / 1,
              "annee_calcul",
              YearMonth.now(clock.withZone(PARIS)).getYear() - 2));
      data.put("parametres_calcul_participation_familiale", p);
      return Answer.data(data);
    }
    return Answer.data(prestation(benefit, h));
  }

  private static Answer notFound() {
    return Answer.error(
        404,
        "37003",
        "Dossier allocataire absent CNAV",
        "Le dossier allocataire n'a pas été trouvé auprès de la CNAV.",
        null,
        Map.of("provider", "CNAV"));
  }

  /** The sandbox's convention: some birth names trigger the provider's failures. */
  private static Optional<Answer> trigger(String nom) {
    return switch (Phonetics.fold(nom)) {
      case OnceOnlySimulator.NOM_429 -> Optional.of(Answer.tooManyRequests(30));
      case OnceOnlySimulator.NOM_502 ->
          Optional.of(
              Answer.error(
                  502,
                  "37999",
                  "Erreur inconnue du fournisseur de données",
                  "La réponse retournée par le fournisseur de données est invalide.",
                  null,
                  Map.of("provider", "CNAV", "retry_in", 10)));
      case OnceOnlySimulator.NOM_504 ->
          Optional.of(
              Answer.error(
                  504,
                  "37002",
                  "Intermédiaire hors-délai",
                  "Temps d'attente d'une réponse du fournisseur de données écoulé.",
                  null,
                  Map.of("provider", "CNAV", "retry_in", 10)));
      default -> Optional.empty();
    };
  }

  private static Optional<Answer> checkIdentity(Query q) {
    List<String> prenoms = q.all("prenoms[]");
    String sexe = q.get("sexeEtatCivil").orElse("");
    String pays = q.get("codeCogInseePaysNaissance").orElse("");
    Optional<String> commune = q.get("codeCogInseeCommuneNaissance");
    Optional<String> nomCommune = q.get("nomCommuneNaissance");
    Optional<String> dep = q.get("codeCogInseeDepartementNaissance");
    boolean ok =
        q.get("nomNaissance").isPresent()
            && !prenoms.isEmpty()
            && prenoms.size() <= 3
            && prenoms.stream().noneMatch(String::isBlank)
            && (sexe.equals("M") || sexe.equals("F"))
            && PAYS.matcher(pays).matches()
            && commune.map(c -> COMMUNE.matcher(c).matches()).orElse(true)
            && !(commune.isPresent() && nomCommune.isPresent())
            && nomCommune.isPresent() == dep.isPresent()
            && !(nomCommune.isPresent() && q.get("anneeDateNaissance").isEmpty())
            && !(pays.equals("99100") && commune.isEmpty() && nomCommune.isEmpty());
    return ok
        ? Optional.empty()
        : Optional.of(
            Answer.unprocessable(
                "00366",
                "Un ou plusieurs paramètres de civilité ne sont pas correctement formatés",
                null));
  }

  private Optional<Answer> checkMonth(Query q) {
    Optional<Integer> annee = q.integer("annee");
    Optional<Integer> mois = q.integer("mois");
    if (annee.isEmpty() && mois.isEmpty()) {
      return Optional.empty();
    }
    YearMonth now = YearMonth.now(clock.withZone(PARIS));
    try {
      YearMonth asked = YearMonth.of(annee.orElse(now.getYear()), mois.orElse(now.getMonthValue()));
      if (!asked.isAfter(now)) {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      // falls through to the 400
    }
    return Optional.of(
        Answer.error(
            400,
            "00400",
            "Requête invalide",
            "Le mois demandé est dans le futur ou invalide",
            "mois"));
  }

  /** Finds the household one of whose allocataires matches the identity. */
  Optional<SimulatedHousehold> match(Query q) {
    for (SimulatedHousehold h : households) {
      for (SimulatedPerson p : h.allocataires()) {
        if (matches(p, q)) {
          return Optional.of(h);
        }
      }
    }
    return Optional.empty();
  }

  static boolean matches(SimulatedPerson p, Query q) {
    String nom = q.get("nomNaissance").orElse("");
    String prenom = q.all("prenoms[]").get(0);
    boolean exactNames =
        Phonetics.exact(nom, p.nomNaissance()) && Phonetics.exact(prenom, p.prenoms().get(0));
    boolean nearNames =
        Phonetics.near(nom, p.nomNaissance()) && Phonetics.near(prenom, p.prenoms().get(0));
    if (!exactNames && !nearNames) {
      return false;
    }
    if (!q.get("sexeEtatCivil").orElse("").equals(p.sexe())
        || !q.get("codeCogInseePaysNaissance").orElse("").equals(p.codePaysNaissance())) {
      return false;
    }
    Optional<String> commune = q.get("codeCogInseeCommuneNaissance");
    if (commune.isPresent() && !commune.equals(p.codeCommuneNaissance())) {
      return false;
    }
    Optional<String> nomCommune = q.get("nomCommuneNaissance");
    if (nomCommune.isPresent()
        && !p.nomCommuneNaissance().map(n -> Phonetics.exact(n, nomCommune.get())).orElse(false)) {
      return false;
    }
    LocalDate d = p.dateNaissance();
    Optional<Integer> y = q.integer("anneeDateNaissance");
    Optional<Integer> m = q.integer("moisDateNaissance");
    Optional<Integer> day = q.integer("jourDateNaissance");
    if (y.isEmpty()
        || y.get() != d.getYear()
        || m.map(v -> v != d.getMonthValue()).orElse(false)
        || day.map(v -> v != d.getDayOfMonth()).orElse(false)) {
      return false;
    }
    // A spelling mistake is compensated only by a complete birth date.
    return exactNames || (m.isPresent() && day.isPresent());
  }

  private Map<String, Object> quotientFamilial(SimulatedHousehold h, Query q) {
    YearMonth now = YearMonth.now(clock.withZone(PARIS));
    YearMonth asked =
        YearMonth.of(
            q.integer("annee").orElse(now.getYear()),
            q.integer("mois").orElse(now.getMonthValue()));
    Map<String, Object> data = members(h);
    Map<String, Object> qf = new LinkedHashMap<>();
    qf.put("fournisseur", h.fournisseur());
    qf.put("valeur", h.quotientFamilial());
    qf.put("annee", asked.getYear());
    qf.put("mois", asked.getMonthValue());
    YearMonth computed = asked.minusMonths(2);
    qf.put("annee_calcul", computed.getYear());
    qf.put("mois_calcul", computed.getMonthValue());
    data.put("quotient_familial", qf);
    return data;
  }

  private static Map<String, Object> members(SimulatedHousehold h) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("allocataires", h.allocataires().stream().map(ParticulierRoutes::person).toList());
    data.put("enfants", h.enfants().stream().map(ParticulierRoutes::person).toList());
    List<String> a = h.adresse();
    Map<String, Object> adresse = new LinkedHashMap<>();
    adresse.put("destinataire", a.get(0));
    adresse.put("numero_libelle_voie", a.size() > 1 ? a.get(1) : null);
    adresse.put("code_postal_ville", a.size() > 2 ? a.get(2) : null);
    adresse.put("pays", "FRANCE");
    data.put("adresse", adresse);
    return data;
  }

  private static Map<String, Object> person(SimulatedPerson p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nom_naissance", p.nomNaissance());
    m.put("nom_usage", p.nomUsage().orElse(null));
    m.put("prenoms", String.join(" ", p.prenoms()));
    m.put("date_naissance", p.dateNaissance().toString());
    m.put("sexe", p.sexe());
    return m;
  }

  private static Map<String, Object> prestation(String benefit, SimulatedHousehold h) {
    boolean receives = h.prestations().contains(benefit);
    Map<String, Object> data = new LinkedHashMap<>();
    if (benefit.equals("allocation_enfant_handicape")) {
      data.put("status", receives ? "allocataire" : "non_beneficiaire");
    } else {
      data.put("est_beneficiaire", receives);
    }
    if (benefit.equals("revenu_solidarite_active") || benefit.equals("prime_activite")) {
      data.put("avec_majoration", false);
    }
    if (benefit.equals("complementaire_sante_solidaire")) {
      data.put("avec_participation", false);
    }
    data.put("date_debut_droit", receives ? "2024-01-01" : null);
    return data;
  }

  private Answer scolarite(Query q) {
    Optional<String> annee = q.get("anneeScolaire");
    if (q.get("nomNaissance").isEmpty()
        || q.all("prenoms[]").isEmpty()
        || q.get("sexeEtatCivil").isEmpty()
        || q.integer("anneeDateNaissance").isEmpty()
        || q.integer("moisDateNaissance").isEmpty()
        || q.integer("jourDateNaissance").isEmpty()
        || annee.isEmpty()
        || !annee.get().matches("\\d{4}-\\d{4}")) {
      return Answer.unprocessable(
          "00366",
          "Un ou plusieurs paramètres de civilité ne sont pas correctement formatés",
          null);
    }
    for (SimulatedHousehold h : households) {
      for (SimulatedPerson child : h.enfants()) {
        LocalDate d = child.dateNaissance();
        if (Phonetics.exact(q.get("nomNaissance").get(), child.nomNaissance())
            && Phonetics.exact(q.all("prenoms[]").get(0), child.prenoms().get(0))
            && q.get("sexeEtatCivil").get().equals(child.sexe())
            && q.integer("anneeDateNaissance").get() == d.getYear()
            && q.integer("moisDateNaissance").get() == d.getMonthValue()
            && q.integer("jourDateNaissance").get() == d.getDayOfMonth()) {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("annee_scolaire", annee.get());
          data.put("est_scolarise", true);
          data.put("est_boursier", h.quotientFamilial() < 600);
          data.put("echelon_bourse", h.quotientFamilial() < 600 ? 2 : null);
          data.put("etablissement", Map.of("code_uai", "0350001A", "code_ministere_tutelle", "06"));
          data.put("statut_eleve", Map.of("code", "ST", "libelle", "SCOLAIRE"));
          data.put("regime_pensionnat", Map.of("code", "DP", "libelle", "DEMI-PENSIONNAIRE"));
          return Answer.data(data);
        }
      }
    }
    return Answer.error(404, "47003", "Élève non trouvé", "Aucun élève ne correspond.", null);
  }

  private static Answer byIne(String path, Query q) {
    Optional<String> ine = q.get("ine");
    if (ine.isEmpty() || !ine.get().matches("[0-9a-zA-Z]{11}")) {
      return Answer.unprocessable(
          "00212", "Le paramètre ine n'est pas correctement formaté", "ine");
    }
    if (!ine.get().equals(OnceOnlySimulator.INE_ETUDIANT)) {
      return Answer.error(
          404, "46003", "Étudiant non trouvé", "Aucun étudiant ne correspond.", null);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    if (path.contains("/mesri/")) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("date_debut", "2025-09-01");
      a.put("date_fin", "2026-08-31");
      a.put("est_inscrit", true);
      a.put("regime_formation", Map.of("libelle", "formation initiale", "code", "RF1"));
      a.put("code_cog_insee_commune", "35238");
      a.put("etablissement_etudes", Map.of("uai", "0350937D", "nom", "Université de Rennes"));
      data.put("admissions", List.of(a));
    } else {
      data.put("statut_boursier", Map.of("est_boursier", true, "est_radie", false));
      data.put(
          "echelon_bourse", Map.of("echelon", "4", "echelon_bourse_regionale_provisoire", false));
      data.put("periode_versement_bourse", Map.of("date_rentree", "2025-09-01", "duree", 10));
      data.put(
          "etablissement_etudes",
          Map.of("nom_etablissement", "Université de Rennes", "nom_commune", "Rennes"));
    }
    return Answer.data(data);
  }
}
