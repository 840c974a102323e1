package fr.socle.testkit.onceonly;

import static fr.socle.testkit.onceonly.SimulatedPerson.born;
import static fr.socle.testkit.onceonly.SimulatedPerson.bornAbroad;

import java.util.List;
import java.util.Optional;

/** The simulator's invented households and companies. */
final class Catalogue {
  private Catalogue() {}

  static List<SimulatedHousehold> households() {
    return List.of(
        new SimulatedHousehold(
            "CNAF",
            520,
            List.of(
                born("DUPONT", "MOREL", "CLAIRE MARIE", "F", "1985-03-12", "35238", "Rennes"),
                born("MOREL", null, "JULIEN", "M", "1983-06-30", "44109", "Nantes")),
            List.of(
                born("MOREL", null, "LEA", "F", "2015-09-02", "35238", "Rennes"),
                born("MOREL", null, "TOM", "M", "2018-01-20", "35238", "Rennes")),
            List.of("Madame MOREL CLAIRE", "12 RUE DE LA MAIRIE", "35000 RENNES"),
            Optional.of(OnceOnlySimulator.FC_TOKEN_DUPONT),
            List.of("prime_activite")),
        new SimulatedHousehold(
            "MSA",
            1150,
            List.of(born("LEROY", null, "MATHIEU", "M", "1979-07-01", "69123", "Lyon")),
            List.of(
                born("LEROY", null, "HUGO", "M", "2010-04-11", "69123", "Lyon"),
                born("LEROY", null, "JADE", "F", "2013-12-24", "69123", "Lyon"),
                born("LEROY", null, "NINA", "F", "2017-07-07", "69123", "Lyon")),
            List.of("Monsieur LEROY MATHIEU", "4 CHEMIN DES VIGNES", "69400 VILLEFRANCHE"),
            Optional.of(OnceOnlySimulator.FC_TOKEN_LEROY),
            List.of()),
        new SimulatedHousehold(
            "CNAF",
            310,
            List.of(bornAbroad("BENALI", "SOFIA", "F", "1990-11-20", "99350")),
            List.of(born("BENALI", null, "ADAM", "M", "2019-05-05", "13055", "Marseille")),
            List.of("Madame BENALI SOFIA", "8 AVENUE DU PORT", "13002 MARSEILLE"),
            Optional.of(OnceOnlySimulator.FC_TOKEN_BENALI),
            List.of(
                "revenu_solidarite_active",
                "complementaire_sante_solidaire",
                "allocation_soutien_familial")),
        // The FranceConnect simulator's official test identity ("test"), so that a portal signed
        // in with it finds a family file.
        new SimulatedHousehold(
            "CNAF",
            680,
            List.of(
                born(
                    "DUBOIS",
                    null,
                    "ANGELA CLAIRE LOUISE",
                    "F",
                    "1962-08-24",
                    "75107",
                    "Paris 7e")),
            List.of(
                born("DUBOIS", null, "NOAH", "M", "2016-04-18", "75107", "Paris 7e"),
                born("DUBOIS", null, "INES", "F", "2019-10-02", "75107", "Paris 7e")),
            List.of("Madame DUBOIS ANGELA", "20 AVENUE DE SEGUR", "75007 PARIS"),
            Optional.empty(),
            List.of()),
        new SimulatedHousehold(
            "CNAF",
            2100,
            List.of(born("ROUX", null, "PAUL", "M", "1970-01-15", "75056", "Paris")),
            List.of(),
            List.of("Monsieur ROUX PAUL", "1 PLACE DE L'HOTEL DE VILLE", "75004 PARIS"),
            Optional.of(OnceOnlySimulator.FC_TOKEN_ROUX),
            List.of()));
  }

  static List<SimulatedCompany> companies() {
    return List.of(
        new SimulatedCompany(
            OnceOnlySimulator.SIREN_EN_REGLE,
            "ATELIER DU BOIS",
            "5710",
            true,
            "ok",
            true,
            Optional.empty()),
        new SimulatedCompany(
            OnceOnlySimulator.SIREN_REFUS_URSSAF,
            "BATI RENOV",
            "5499",
            true,
            "refus_de_delivrance",
            false,
            Optional.empty()),
        new SimulatedCompany(
            OnceOnlySimulator.SIREN_NON_DIFFUSIBLE,
            "[ND]",
            "1000",
            false,
            "ok",
            true,
            Optional.empty()),
        new SimulatedCompany(
            OnceOnlySimulator.SIREN_ASSOCIATION,
            "LES AMIS DU JARDIN PARTAGE",
            "9220",
            true,
            "ok",
            false,
            Optional.of(OnceOnlySimulator.RNA_ASSOCIATION)));
  }
}
