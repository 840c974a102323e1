package fr.socle.testkit.onceonly;

import fr.socle.core.SocleException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** API Entreprise's routes, with the traceability checks of the real API. */
final class EntrepriseRoutes {
  private static final Pattern ROUTE =
      Pattern.compile(
          "/v4/insee/sirene/unites_legales/(?<siren>[^/]+)"
              + "|/v4/insee/sirene/etablissements/(?<siret>[^/]+)"
              + "|/v4/urssaf/unites_legales/(?<vig>[^/]+)/attestation_vigilance"
              + "|/v4/dgfip/unites_legales/(?<fis>[^/]+)/attestation_fiscale"
              + "|/v3/infogreffe/rcs/unites_legales/(?<kbis>[^/]+)/extrait_kbis"
              + "|/v3/inpi/rne/unites_legales/(?<rne>[^/]+)/extrait_rne"
              + "|/v4/djepva/api-association/associations/(?<asso>[^/]+)");

  private final List<SimulatedCompany> companies;
  private final Clock clock;
  private final URI documents;

  EntrepriseRoutes(List<SimulatedCompany> companies, Clock clock, URI documents) {
    this.companies = companies;
    this.clock = clock;
    this.documents = documents;
  }

  static Optional<Matcher> route(String path) {
    Matcher m = ROUTE.matcher(path);
    return m.matches() ? Optional.of(m) : Optional.empty();
  }

  /** The template of a matched route, for the request log. */
  static String template(Matcher m) {
    if (m.group("siren") != null) {
      return "/v4/insee/sirene/unites_legales/{siren}";
    } else if (m.group("siret") != null) {
      return "/v4/insee/sirene/etablissements/{siret}";
    } else if (m.group("vig") != null) {
      return "/v4/urssaf/unites_legales/{siren}/attestation_vigilance";
    } else if (m.group("fis") != null) {
      return "/v4/dgfip/unites_legales/{siren}/attestation_fiscale";
    } else if (m.group("kbis") != null) {
      return "/v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis";
    } else if (m.group("rne") != null) {
      return "/v3/inpi/rne/unites_legales/{siren}/extrait_rne";
    }
    return "/v4/djepva/api-association/associations/{siren_or_rna}";
  }

  /** The rate-limit group of a route (once-only fact sheet §1.5). */
  static String group(Matcher m) {
    if (m.group("vig") != null) {
      return "documents";
    }
    if (m.group("rne") != null) {
      return "inpi_rne";
    }
    return m.group("fis") != null ? "dgfip_attestation" : "json";
  }

  Answer answer(Matcher m, Query q) {
    Optional<String> recipient = q.get("recipient");
    if (recipient.isEmpty()) {
      return Answer.missing("recipient", "00203");
    }
    if (q.get("context").isEmpty()) {
      return Answer.missing("context", "00201");
    }
    if (q.get("object").isEmpty()) {
      return Answer.missing("object", "00202");
    }
    if (!recipient.get().matches("\\d{14}") || !SimulatedCompany.luhn(recipient.get())) {
      return Answer.unprocessable(
          "00203", "Le paramètre recipient n'est pas un SIRET valide", "recipient");
    }
    String id = firstNonNull(m, "siren", "siret", "vig", "fis", "kbis", "rne", "asso");
    String siren = id.length() == 14 ? id.substring(0, 9) : id;
    if (recipient.get().startsWith(siren)) {
      return Answer.unprocessable(
          "00203", "Le paramètre recipient ne peut pas être l'entité recherchée", "recipient");
    }
    if (m.group("asso") != null) {
      return association(id);
    }
    boolean formatted =
        m.group("siret") != null
            ? id.matches("\\d{14}") && SimulatedCompany.luhn(id)
            : id.matches("\\d{9}") && SimulatedCompany.luhn(id);
    if (!formatted) {
      return m.group("siret") != null
          ? Answer.unprocessable(
              "00302", "Le numéro de siret n'est pas correctement formatté", "siret")
          : Answer.unprocessable(
              "00301", "Le numéro de siren n'est pas correctement formatté", "siren");
    }
    Optional<SimulatedCompany> company =
        companies.stream().filter(c -> c.siren().equals(siren)).findFirst();
    if (company.isEmpty()) {
      return notFound("01003");
    }
    SimulatedCompany c = company.get();
    boolean sirene = m.group("siren") != null || m.group("siret") != null;
    if (sirene && !c.diffusible()) {
      return Answer.error(
          451,
          "01004",
          "Indisponible pour des raisons légales",
          "L'entité n'est pas diffusible au public (statut de diffusion INSEE).",
          null);
    }
    if (m.group("siren") != null) {
      return Answer.data(uniteLegale(c));
    }
    if (m.group("siret") != null) {
      return id.equals(c.siretSiege()) ? Answer.data(etablissement(c)) : notFound("01003");
    }
    if (m.group("vig") != null) {
      return Answer.data(vigilance(c));
    }
    if (m.group("fis") != null) {
      return c.attestationFiscale() ? Answer.data(fiscale(c)) : notFound("03003");
    }
    if (m.group("rne") != null) {
      return Answer.data(rne(c));
    }
    return Answer.data(kbis(c));
  }

  private Map<String, Object> rne(SimulatedCompany c) {
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("siren", c.siren());
    id.put("denomination", c.nom());
    id.put("date_immatriculation_rne", "2010-01-01");
    id.put("date_debut_activite", "2010-01-01");
    id.put(
        "forme_juridique",
        Map.of("code", c.formeJuridiqueCode(), "libelle", "Forme " + c.formeJuridiqueCode()));
    id.put("capital_social", Map.of("montant", 10000, "devise", "EUR"));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("document_url", documents.resolve("extrait_rne_" + c.siren() + ".pdf").toString());
    d.put("identite_entreprise", id);
    d.put("diffusion_commerciale", true);
    d.put("diffusion_insee", c.diffusible());
    return d;
  }

  private static String firstNonNull(Matcher m, String... groups) {
    for (String g : groups) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    throw new SocleException("the route matched without an identifier");
  }

  private static Answer notFound(String code) {
    return Answer.error(
        404,
        code,
        "Entité non trouvée",
        "Le ou les paramètre(s) d'entrée n'existent pas, ne sont pas connus, ou ne comportent aucune"
            + " information pour cet appel.",
        null);
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
  }

  private static Map<String, Object> uniteLegale(SimulatedCompany c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("siren", c.siren());
    d.put("rna", c.rna().orElse(null));
    d.put("siret_siege_social", c.siretSiege());
    d.put("type", "personne_morale");
    d.put("personne_morale_attributs", Map.of("raison_sociale", c.nom()));
    d.put("status_diffusion", "diffusible");
    d.put(
        "forme_juridique",
        Map.of("code", c.formeJuridiqueCode(), "libelle", "Forme " + c.formeJuridiqueCode()));
    d.put(
        "activite_principale",
        Map.of("code", "43.32A", "libelle", "Travaux de menuiserie", "nomenclature", "NAFRev2"));
    d.put("etat_administratif", "A");
    d.put("date_creation", 1_262_304_000L);
    return d;
  }

  private static Map<String, Object> etablissement(SimulatedCompany c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("siret", c.siretSiege());
    d.put("siege_social", true);
    d.put("etat_administratif", "A");
    d.put("status_diffusion", "diffusible");
    d.put("unite_legale", Map.of("siren", c.siren()));
    d.put(
        "activite_principale",
        Map.of("code", "43.32A", "libelle", "Travaux de menuiserie", "nomenclature", "NAFRev2"));
    d.put(
        "adresse",
        Map.of(
            "numero_voie", "5",
            "type_voie", "RUE",
            "libelle_voie", "DES ARTISANS",
            "code_postal", "35000",
            "libelle_commune", "RENNES",
            "code_commune", "35238"));
    return d;
  }

  private Map<String, Object> vigilance(SimulatedCompany c) {
    Map<String, Object> d = new LinkedHashMap<>();
    boolean ok = c.vigilance().equals("ok");
    d.put(
        "entity_status",
        Map.of(
            "code", c.vigilance(),
            "libelle", ok ? "Attestation délivrée par l'Urssaf" : "Refus de délivrance",
            "description",
                ok
                    ? "L'attestation a été délivrée."
                    : "L'entité n'est pas à jour de ses cotisations."));
    if (ok) {
      LocalDate start = today().withDayOfMonth(1);
      d.put("date_debut_validite", start.toString());
      d.put("date_fin_validite", start.plusMonths(6).withDayOfMonth(1).minusDays(1).toString());
      d.put("code_securite", "SIM" + c.siren());
      d.put(
          "document_url",
          documents.resolve("attestation_vigilance_" + c.siren() + ".pdf").toString());
      d.put("document_url_expires_in", 86_400);
    }
    return d;
  }

  private Map<String, Object> fiscale(SimulatedCompany c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(
        "document_url", documents.resolve("attestation_fiscale_" + c.siren() + ".pdf").toString());
    d.put("document_url_expires_in", 86_400);
    d.put("date_delivrance_attestation", today().toString());
    d.put("date_periode_analysee", today().withDayOfMonth(1).minusDays(1).toString());
    return d;
  }

  private Map<String, Object> kbis(SimulatedCompany c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("siren", c.siren());
    d.put("date_immatriculation", "2010-01-01");
    d.put("date_extrait", today().toString());
    d.put(
        "personne_morale",
        Map.of(
            "denomination",
            c.nom(),
            "forme_juridique",
            Map.of("libelle", "Forme " + c.formeJuridiqueCode())));
    d.put("capital", Map.of("montant", 10000, "devise", "Euros", "code_devise", "EUR"));
    d.put("greffe", Map.of("valeur", "RENNES", "code", "3501"));
    return d;
  }

  private Answer association(String id) {
    boolean rna = id.matches("W[0-9A-Z]\\d{8}");
    boolean siren = id.matches("\\d{9}") && SimulatedCompany.luhn(id);
    if (!rna && !siren) {
      return Answer.unprocessable(
          "00333",
          "Le numéro de siren ou le numéro d'association indiqué n'est pas correctement formatté",
          "id");
    }
    Optional<SimulatedCompany> a =
        companies.stream()
            .filter(c -> c.rna().isPresent())
            .filter(c -> c.siren().equals(id) || c.rna().get().equals(id))
            .findFirst();
    if (a.isEmpty()) {
      return notFound("29003");
    }
    SimulatedCompany c = a.get();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("rna", c.rna().get());
    d.put("siren", c.siren());
    d.put("nom", c.nom());
    d.put("active", true);
    d.put("reconnue_utilite_publique", false);
    d.put("siret_siege", c.siretSiege());
    d.put("date_creation", "2012-04-01");
    d.put("activites", Map.of("objet", "Animer des jardins partagés ouverts à tous"));
    d.put("adresse_siege", Map.of("commune", "Rennes", "code_postal", "35000"));
    return Answer.data(d);
  }
}
