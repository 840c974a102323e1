/**
 * Foundations shared by every Socle block: the exception hierarchy ({@link
 * fr.socle.core.SocleException}), {@link fr.socle.core.Secret}, {@link fr.socle.core.Redaction} and
 * the clock injection point ({@link fr.socle.core.MutableClock}). The HTTP transport lives in
 * {@link fr.socle.core.http}, JSON in {@link fr.socle.core.json}.
 */
package fr.socle.core;
