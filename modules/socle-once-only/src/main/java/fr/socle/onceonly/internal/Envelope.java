package fr.socle.onceonly.internal;

import fr.socle.core.SocleException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.http.HttpResponse;
import fr.socle.core.json.Json;
import fr.socle.onceonly.AccessDeniedException;
import fr.socle.onceonly.ApiError;
import fr.socle.onceonly.NonDiffusibleException;
import fr.socle.onceonly.OnceOnlyServiceException;
import fr.socle.onceonly.ProviderUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the APIs' envelopes: {@code {"data":{...},"links":{},"meta":{}}} on success, {@code
 * {"errors":[...]}} otherwise (once-only fact sheet §1.4), into data or a typed exception.
 */
public final class Envelope {
  private Envelope() {}

  /**
   * The outcome of an answer that is not an exception.
   *
   * @param data the {@code data} member, empty for "not found"
   * @param errorCode the error code of a "not found"
   */
  public record Result(Optional<Map<String, Object>> data, Optional<String> errorCode) {}

  /**
   * Reads an answer.
   *
   * @param json the JSON reader
   * @param response the answer
   * @param what the call, for messages
   * @return the data, or empty for a 404 carrying an error envelope
   * @throws SocleServiceException for every error status, and for a 2xx answer without a {@code
   *     data} object (fail closed)
   */
  @SuppressWarnings("unchecked")
  public static Result read(Json json, HttpResponse response, String what) {
    int status = response.status();
    String correlation = response.correlationId().orElse(null);
    if (status >= 200 && status < 300) {
      Map<String, Object> doc;
      try {
        doc = json.read(response.body(), Map.class);
      } catch (SocleException e) {
        throw new SocleServiceException(
            "malformed answer from " + what + ": not JSON", status, null, correlation, e);
      }
      Object data = doc.get("data");
      if (!(data instanceof Map)) {
        throw new SocleServiceException(
            "malformed answer from " + what + ": no data object", status, null, correlation);
      }
      return new Result(Optional.of((Map<String, Object>) data), Optional.empty());
    }
    List<ApiError> errors = errors(json, response);
    if (status == 404 && !errors.isEmpty()) {
      return new Result(Optional.empty(), Optional.of(errors.get(0).code()));
    }
    throw switch (status) {
      case 401, 403 -> new AccessDeniedException(what, status, errors, correlation);
      case 451 -> new NonDiffusibleException(what, status, errors, correlation);
      case 502, 503, 504 -> new ProviderUnavailableException(what, status, errors, correlation);
      default -> new OnceOnlyServiceException(what, status, errors, correlation);
    };
  }

  /**
   * Reads the error envelope leniently: an unreadable body gives no errors, not an exception.
   *
   * @param json the JSON reader
   * @param response the answer
   * @return the errors, possibly empty
   */
  public static List<ApiError> errors(Json json, HttpResponse response) {
    Map<?, ?> doc;
    try {
      doc = json.read(response.body(), Map.class);
    } catch (SocleException e) {
      return List.of();
    }
    if (!(doc.get("errors") instanceof List<?> list)) {
      return List.of();
    }
    List<ApiError> errors = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> e && e.get("code") instanceof String code) {
        Map<?, ?> source = e.get("source") instanceof Map<?, ?> s ? s : Map.of();
        Map<?, ?> meta = e.get("meta") instanceof Map<?, ?> m ? m : Map.of();
        errors.add(
            new ApiError(
                clip(code),
                e.get("title") instanceof String t ? clip(t) : "",
                e.get("detail") instanceof String d ? clip(d) : "",
                source.get("parameter") instanceof String p
                    ? Optional.of(clip(p))
                    : Optional.empty(),
                meta.get("provider") instanceof String p ? Optional.of(clip(p)) : Optional.empty(),
                retryIn(meta.get("retry_in"))));
      }
      if (errors.size() == 10) {
        break;
      }
    }
    return errors;
  }

  private static Optional<Duration> retryIn(Object value) {
    if (value instanceof Number n && n.longValue() >= 0) {
      return Optional.of(Duration.ofSeconds(Math.min(n.longValue(), 86_400)));
    }
    return Optional.empty();
  }

  /** A hostile peer could send megabytes of "title": messages stay short. */
  private static String clip(String s) {
    String oneLine = s.replaceAll("\\p{Cntrl}", " ");
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
