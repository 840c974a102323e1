package fr.socle.refdata.internal;

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
 * @param epcis the EPCI
 * @param communes every commune entry (all types)
 */
public record CogData(
    Millesime millesime,
    List<Region> regions,
    List<Departement> departements,
    List<Epci> epcis,
    List<Commune> communes) {}
