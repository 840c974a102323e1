/** Reference data: offline territories, validators, public API clients. */
package fr.socle.refdata;
