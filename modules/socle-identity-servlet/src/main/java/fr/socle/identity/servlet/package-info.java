/** Jakarta Servlet adapter for {@code fr.socle.identity}: login, callback and logout endpoints. */
package fr.socle.identity.servlet;
