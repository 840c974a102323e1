/**
 * Client of the API Recherche d'entreprises (recherche-entreprises.api.gouv.fr): companies,
 * associations and public bodies by name, address, identifier or position.
 */
package fr.socle.refdata.entreprises;
