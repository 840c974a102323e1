/** Client of API Géo (geo.api.gouv.fr): communes, départements, régions, EPCI, online. */
package fr.socle.refdata.geo;
