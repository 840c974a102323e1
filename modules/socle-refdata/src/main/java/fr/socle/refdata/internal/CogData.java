package fr.socle.refdata.internal;

import fr.socle.refdata.Arrondissement;
import fr.socle.refdata.Commune;
import fr.socle.refdata.Departement;
import fr.socle.refdata.Epci;
import fr.socle.refdata.Millesime;
import fr.socle.refdata.Region;
import java.util.List;

/**
 * The territories of one COG millésime as read from the resource, in the dataset's order.
 *
 * @param millesime the vintage
 * @param regions the régions
 * @param departements the départements
 * @param arrondissements the arrondissements départementaux
 * @param epcis the EPCI
 * @param epts the établissements publics territoriaux of the Métropole du Grand Paris
 * @param communes every commune entry (all types)
 */
public record CogData(
    Millesime millesime,
    List<Region> regions,
    List<Departement> departements,
    List<Arrondissement> arrondissements,
    List<Epci> epcis,
    List<Epci> epts,
    List<Commune> communes) {}
