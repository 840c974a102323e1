/**
 * Once-only ("dites-le-nous une fois"): clients of API Particulier ({@link
 * fr.socle.onceonly.ApiParticulierClient}: quotient familial, social benefits, school and student
 * status) and API Entreprise ({@link fr.socle.onceonly.ApiEntrepriseClient}: Sirene, attestations,
 * RCS and RNE extracts, associations), so that citizens and companies are not asked again for what
 * the administration already knows.
 *
 * <p>Both clients share one {@link fr.socle.onceonly.OnceOnlyRateLimiter}, which keeps every token
 * and the egress IP under the published limits across all nodes of a deployment, because an IP that
 * ignores 429 answers is banned for 12 hours.
 */
package fr.socle.onceonly;
