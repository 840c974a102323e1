/**
 * Client of the Géoplateforme geocoder (IGN, {@code data.geopf.fr/geocodage}), successor of API
 * Adresse: address search, reverse geocoding, completion, and batch CSV geocoding.
 */
package fr.socle.refdata.geocoding;
