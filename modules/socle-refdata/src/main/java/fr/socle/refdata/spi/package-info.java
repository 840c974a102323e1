/** Extension points of socle-refdata: the response cache of the API clients. */
package fr.socle.refdata.spi;
