/**
 * A local simulator of API Particulier v3 and API Entreprise v3/v4 ({@link
 * fr.socle.testkit.onceonly.OnceOnlySimulator}) with the sandbox's behaviour (identities that
 * match, phonetic near-misses, 404, 422, 429 with {@code Retry-After}, 409 on a parallel duplicate,
 * 502/504 with {@code retry_in}) and its JUnit 5 extension ({@link
 * fr.socle.testkit.onceonly.OnceOnlySimulatorExtension}).
 */
package fr.socle.testkit.onceonly;
