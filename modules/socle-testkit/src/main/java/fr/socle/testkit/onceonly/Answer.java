package fr.socle.testkit.onceonly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A status and a JSON document, or a Retry-After for 429. */
record Answer(int status, Object body, long retryAfterSeconds) {

  static Answer data(Map<String, Object> data) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("data", data);
    doc.put("links", Map.of());
    doc.put("meta", Map.of());
    return new Answer(200, doc, 0);
  }

  static Answer error(int status, String code, String title, String detail, String parameter) {
    return error(status, code, title, detail, parameter, Map.of());
  }

  static Answer error(
      int status,
      String code,
      String title,
      String detail,
      String parameter,
      Map<String, Object> meta) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("title", title);
    e.put("detail", detail);
    e.put("source", parameter == null ? null : Map.of("parameter", parameter));
    e.put("meta", meta);
    return new Answer(status, Map.of("errors", List.of(e)), 0);
  }

  static Answer invalidToken() {
    return error(
        401, "00101", "Interdit", "Votre token n'est pas valide ou n'est pas renseigné", "token");
  }

  static Answer expiredToken() {
    return error(
        401,
        "00103",
        "Jeton expiré",
        "Votre token est expiré. Vous devez refaire une demande",
        "token");
  }

  static Answer insufficientPrivileges() {
    return error(
        403,
        "00100",
        "Privilèges insuffisants",
        "Votre token est valide mais vos privilèges sont insuffisants. Listez vos privilèges sur"
            + " /api/introspect",
        "token");
  }

  static Answer tooManyRequests(long retryAfter) {
    Answer a = error(429, "00429", "Trop de requêtes", "Vous avez effectué trop de requêtes", null);
    return new Answer(429, a.body(), retryAfter);
  }

  static Answer conflict() {
    return error(
        409,
        "00015",
        "Conflit",
        "Une requête associée à votre jeton est déjà en cours de traitement pour ces paramètres."
            + " Veuillez attendre la fin du traitement avant d'effectuer une nouvelle requête.",
        null);
  }

  static Answer unprocessable(String code, String detail, String parameter) {
    return error(422, code, "Entité non traitable", detail, parameter);
  }

  static Answer missing(String parameter, String code) {
    return unprocessable(code, "Le paramètre " + parameter + " est obligatoire", parameter);
  }
}
