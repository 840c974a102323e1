/** Client of the INSEE API Sirene 3.11 (api.insee.fr/api-sirene/3.11). */
package fr.socle.refdata.sirene;
