package fr.socle.onceonly.internal;

import fr.socle.core.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to make: the route template (for logs and audit), the concrete path, the query, the
 * bearer token, the limit group and the traceability values.
 *
 * @param template the route template, for example {@code /v3/dss/quotient_familial/identite}
 * @param path the concrete path, identifiers substituted and validated
 * @param query the query parameters, in order; repeated values for arrays ({@code prenoms[]})
 * @param token the bearer token (the vendor's, or the user's FranceConnect access token)
 * @param group the token's limit group
 * @param responseTimeout the API's recommended timeout for this kind of endpoint
 * @param recipient the recipient SIRET, for the audit
 * @param context the procedure, for the audit
 * @param object the reason, for the audit
 * @param subject the company identifier looked up, for the audit
 * @param fingerprint the token's fingerprint, if already computed
 */
public record Route(
    String template,
    String path,
    List<Map.Entry<String, String>> query,
    Secret token,
    Limit group,
    Duration responseTimeout,
    String recipient,
    Optional<String> context,
    Optional<String> object,
    Optional<String> subject,
    Optional<String> fingerprint) {

  /** Validates the route. */
  public Route {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  @Override
  public String toString() {
    return "Route[" + template + "]";
  }
}
