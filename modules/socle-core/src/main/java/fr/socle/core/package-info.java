/**
 * Foundations shared by every Socle block: the exception hierarchy ({@link
 * fr.socle.core.SocleException}), {@link fr.socle.core.Secret} and {@link fr.socle.core.Redaction}.
 * The HTTP transport lives in {@link fr.socle.core.http}, JSON in {@link fr.socle.core.json}. Every
 * client takes its time from a {@code java.time.Clock} given to its builder; tests move time with
 * the test kit's {@code fr.socle.testkit.TestClock}.
 */
package fr.socle.core;
