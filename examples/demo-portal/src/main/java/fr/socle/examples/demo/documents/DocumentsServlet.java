package fr.socle.examples.demo.documents;

import fr.socle.examples.demo.web.Citizen;
import fr.socle.examples.demo.web.Csrf;
import fr.socle.examples.demo.web.Html;
import fr.socle.examples.demo.web.Layout;
import fr.socle.storage.ArchiveItem;
import fr.socle.storage.ArchiveTransferRequest;
import fr.socle.storage.ArchiveTransfers;
import fr.socle.storage.ContentTooLargeToScanException;
import fr.socle.storage.DepositRequest;
import fr.socle.storage.DocumentMetadata;
import fr.socle.storage.DocumentNotFoundException;
import fr.socle.storage.DocumentRef;
import fr.socle.storage.DocumentSafe;
import fr.socle.storage.IntegrityViolationException;
import fr.socle.storage.JournalEntry;
import fr.socle.storage.JournalVerification;
import fr.socle.storage.MalwareDetectedException;
import fr.socle.storage.ScannerUnavailableException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /justificatifs}: the citizen's documents. GET lists them with the journal; POST deposits
 * one; {@code /justificatifs/<id>/contenu} downloads; POST {@code /justificatifs/<id>/verifier}
 * checks its integrity.
 */
final class DocumentsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DocumentsServlet.class);

  private static final Pattern DOCUMENT_PATH =
      Pattern.compile("/([a-z0-9-]{1,64})/(contenu|verifier)");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm:ss", Locale.FRANCE)
          .withZone(ZoneId.of("Europe/Paris"));
  private static final Map<String, String> KINDS =
      Map.of(
          "domicile", "Justificatif de domicile",
          "identite", "Pièce d'identité",
          "autre", "Autre justificatif");

  /** Types served as themselves; anything else is downloaded as bytes, never rendered. */
  private static final Set<String> SAFE_TYPES =
      Set.of("application/pdf", "image/png", "image/jpeg", "text/plain");

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter TRANSFER_ID =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(PARIS);

  private final transient Layout layout;
  private final transient DocumentSafe safe;
  private final transient ArchiveTransfers archives;

  DocumentsServlet(Layout layout, DocumentSafe safe) {
    this.layout = layout;
    this.safe = safe;
    this.archives = ArchiveTransfers.create(safe);
  }

  /**
   * The citizen's container: a digest of their pairwise identifier, so that the store's object
   * names carry nothing that identifies them.
   */
  static String container(Citizen citizen) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(citizen.key().getBytes(StandardCharsets.UTF_8));
      return "citoyen-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String actor(Citizen citizen) {
    return container(citizen);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Citizen> citizen = layout.requireCitizen(request, response);
    if (citizen.isEmpty()) {
      return;
    }
    String path = request.getPathInfo();
    if (path == null || "/".equals(path)) {
      listPage(request, response, citizen.get());
      return;
    }
    Matcher m = DOCUMENT_PATH.matcher(path);
    if (m.matches() && "contenu".equals(m.group(2))) {
      download(request, response, citizen.get(), m.group(1));
    } else {
      layout.error(
          request, response, HttpServletResponse.SC_NOT_FOUND, "Ce document n'existe pas.");
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Optional<Citizen> citizen = layout.requireCitizen(request, response);
    if (citizen.isEmpty()) {
      return;
    }
    String path = request.getPathInfo();
    if (path == null || "/".equals(path)) {
      deposit(request, response, citizen.get());
      return;
    }
    if ("/archiver".equals(path)) {
      if (!Csrf.isValid(request, request.getParameter(Csrf.FIELD))) {
        forbidden(request, response);
        return;
      }
      archive(request, response, citizen.get());
      return;
    }
    Matcher m = DOCUMENT_PATH.matcher(path);
    if (!m.matches() || !"verifier".equals(m.group(2))) {
      layout.error(
          request, response, HttpServletResponse.SC_NOT_FOUND, "Ce document n'existe pas.");
      return;
    }
    if (!Csrf.isValid(request, request.getParameter(Csrf.FIELD))) {
      forbidden(request, response);
      return;
    }
    DocumentRef ref = DocumentRef.of(DocumentsFeature.TENANT, container(citizen.get()), m.group(1));
    try {
      DocumentMetadata verified = safe.verify(ref, actor(citizen.get()));
      layout.flash(
          request,
          "success",
          "Intégrité vérifiée : « "
              + verified.originalFilename().orElse(verified.ref().id())
              + " » est intact (empreinte "
              + verified.digestAlgorithm().jcaName()
              + " "
              + verified.digest()
              + ").");
    } catch (DocumentNotFoundException e) {
      layout.flash(request, "error", "Ce document n'existe pas.");
    } catch (IntegrityViolationException e) {
      layout.flash(
          request,
          "error",
          "Alerte : ce document a été altéré dans le coffre-fort. Il ne peut plus être lu.");
    }
    response.sendRedirect("/justificatifs");
  }

  private void deposit(HttpServletRequest request, HttpServletResponse response, Citizen citizen)
      throws IOException, ServletException {
    Part file;
    try {
      file = request.getPart("fichier");
      if (!Csrf.isValid(request, field(request, Csrf.FIELD))) {
        forbidden(request, response);
        return;
      }
    } catch (RuntimeException | ServletException e) {
      // Jetty refuses a body over the configured maximum (or a malformed one) with a runtime
      // "bad multipart" error; the citizen gets the page back with a message instead.
      LOG.debug("upload refused: {}", e.toString());
      layout.flash(
          request,
          "error",
          "Le fichier n'a pas pu être reçu : il dépasse la taille maximale de 10 Mo.");
      response.sendRedirect("/justificatifs");
      return;
    }
    String kind =
        Optional.ofNullable(field(request, "nature")).filter(KINDS::containsKey).orElse("autre");
    if (file == null || file.getSize() == 0) {
      layout.flash(request, "error", "Choisissez un fichier non vide à déposer.");
      response.sendRedirect("/justificatifs");
      return;
    }
    String filename = cleanFilename(file.getSubmittedFileName());
    String type = Optional.ofNullable(file.getContentType()).orElse("application/octet-stream");
    DocumentMetadata deposited;
    try (InputStream in = file.getInputStream()) {
      deposited =
          safe.deposit(
              DepositRequest.builder(DocumentsFeature.TENANT, container(citizen))
                  .id(kind + "-" + java.util.UUID.randomUUID())
                  .depositor(actor(citizen))
                  .contentType(type.length() > 100 ? "application/octet-stream" : type)
                  .originalFilename(filename)
                  .build(),
              in);
    } catch (MalwareDetectedException e) {
      layout.flash(
          request,
          "error",
          "Fichier refusé : l'antivirus y a détecté « "
              + e.threat()
              + " ». Il n'a pas été déposé.");
      response.sendRedirect("/justificatifs");
      return;
    } catch (ContentTooLargeToScanException e) {
      layout.flash(
          request,
          "error",
          "Fichier refusé : il est trop volumineux pour être analysé par l'antivirus.");
      response.sendRedirect("/justificatifs");
      return;
    } catch (ScannerUnavailableException e) {
      LOG.warn("content scanner unavailable: {}", e.getMessage());
      layout.flash(
          request,
          "error",
          "L'antivirus est momentanément indisponible : le fichier n'a pas été déposé."
              + " Réessayez dans quelques minutes.");
      response.sendRedirect("/justificatifs");
      return;
    } finally {
      file.delete();
    }
    layout.flash(
        request,
        "success",
        "« "
            + filename
            + " » a été déposé dans votre coffre-fort ("
            + size(deposited.size())
            + ").");
    response.sendRedirect("/justificatifs");
  }

  /**
   * Streams the SEDA 2.3 transfer package (SIP) of the citizen's file: every document, as a
   * collectivité would hand it to its archiving service.
   */
  private void archive(HttpServletRequest request, HttpServletResponse response, Citizen citizen)
      throws IOException {
    List<DocumentMetadata> documents;
    try {
      documents = safe.list(DocumentsFeature.TENANT, container(citizen), actor(citizen));
    } catch (IntegrityViolationException e) {
      altered(request, response);
      return;
    }
    if (documents.isEmpty()) {
      layout.flash(request, "error", "Votre dossier est vide : il n'y a rien à archiver.");
      response.sendRedirect("/justificatifs");
      return;
    }
    String messageId =
        "DEMO-"
            + TRANSFER_ID.format(java.time.Instant.now())
            + "-"
            + java.util.UUID.randomUUID().toString().substring(0, 8);
    ArchiveTransferRequest.Builder transfer =
        ArchiveTransferRequest.builder(messageId)
            .archivalAgreement(DocumentsFeature.ARCHIVAL_AGREEMENT)
            .archivalAgency(DocumentsFeature.ARCHIVAL_AGENCY)
            .transferringAgency(DocumentsFeature.SIRET)
            .originatingAgency(DocumentsFeature.SIRET)
            .comment("Dossier d'un usager du portail de démonstration");
    for (DocumentMetadata doc : documents) {
      String id = doc.ref().id();
      String kind =
          KINDS.getOrDefault(id.substring(0, Math.max(0, id.indexOf('-'))), "Autre justificatif");
      transfer.item(
          ArchiveItem.of(doc.ref(), kind + " : " + doc.originalFilename().orElse(id))
              .withDates(
                  doc.depositedAt().atZone(PARIS).toLocalDate(),
                  doc.depositedAt().atZone(PARIS).toLocalDate()));
    }
    response.setContentType("application/zip");
    response.setHeader("Content-Disposition", attachment("versement-" + messageId + ".zip"));
    response.setHeader("Cache-Control", "no-store");
    try {
      archives.export(transfer.build(), actor(citizen), response.getOutputStream());
    } catch (IntegrityViolationException e) {
      if (!response.isCommitted()) {
        response.reset();
        altered(request, response);
      } else {
        throw new IOException("a document failed its integrity check during the export", e);
      }
    }
  }

  private void download(
      HttpServletRequest request, HttpServletResponse response, Citizen citizen, String id)
      throws IOException {
    DocumentRef ref = DocumentRef.of(DocumentsFeature.TENANT, container(citizen), id);
    DocumentMetadata metadata;
    try {
      metadata = safe.metadata(ref, actor(citizen));
    } catch (DocumentNotFoundException e) {
      layout.error(
          request, response, HttpServletResponse.SC_NOT_FOUND, "Ce document n'existe pas.");
      return;
    } catch (IntegrityViolationException e) {
      altered(request, response);
      return;
    }
    String type =
        SAFE_TYPES.contains(metadata.contentType())
            ? metadata.contentType()
            : "application/octet-stream";
    String filename = metadata.originalFilename().orElse(id);
    // Read to a temporary buffer-free stream: the safe verifies the digest at the end of the
    // stream, so a document altered in the store fails before the last byte is released.
    try (InputStream in = safe.read(ref, actor(citizen))) {
      response.setContentType(type);
      response.setHeader("Content-Disposition", attachment(filename));
      response.setHeader("Cache-Control", "no-store");
      response.setContentLengthLong(metadata.size());
      in.transferTo(response.getOutputStream());
    } catch (IntegrityViolationException e) {
      if (!response.isCommitted()) {
        response.reset();
        altered(request, response);
      } else {
        // Too late for an error page: abort the transfer so the browser sees a failed download.
        throw new IOException("document failed integrity check while streaming", e);
      }
    }
  }

  private void listPage(HttpServletRequest request, HttpServletResponse response, Citizen citizen)
      throws IOException {
    String container = container(citizen);
    List<Html> rows = new ArrayList<>();
    List<DocumentMetadata> documents;
    try {
      documents = safe.list(DocumentsFeature.TENANT, container, actor(citizen));
    } catch (IntegrityViolationException e) {
      altered(request, response);
      return;
    }
    for (DocumentMetadata doc : documents) {
      String id = doc.ref().id();
      String kind =
          KINDS.getOrDefault(id.substring(0, Math.max(0, id.indexOf('-'))), "Autre justificatif");
      rows.add(
          Html.of(
              "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                  + "<td><code class=\"mono\" title=\"{}\">{}…</code></td>"
                  + "<td><div class=\"actions\"><a class=\"button button--small button--secondary\""
                  + " href=\"/justificatifs/{}/contenu\">Télécharger</a>"
                  + "<form method=\"post\" action=\"/justificatifs/{}/verifier\">{}"
                  + "<button class=\"button button--small button--secondary\" type=\"submit\">"
                  + "Vérifier</button></form></div></td></tr>",
              doc.originalFilename().orElse(id),
              kind,
              size(doc.size()),
              WHEN.format(doc.depositedAt()),
              doc.digest(),
              doc.digest().substring(0, Math.min(12, doc.digest().length())),
              id,
              id,
              Csrf.field(request)));
    }
    Html table =
        rows.isEmpty()
            ? new Html("<p id=\"documents\">Vous n'avez déposé aucun document.</p>")
            : Html.of(
                "<table class=\"table\" id=\"documents\"><caption>Vos documents</caption><thead><tr>"
                    + "<th>Fichier</th><th>Nature</th><th>Taille</th><th>Déposé le</th>"
                    + "<th>Empreinte</th><th>Actions</th></tr></thead><tbody>{}</tbody></table>",
                Html.join(rows));

    List<Html> journal = new ArrayList<>();
    for (JournalEntry entry : safe.journal(DocumentsFeature.TENANT, 1, 10_000)) {
      if (container.equals(entry.container())) {
        journal.add(
            Html.of(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code class=\"mono\">{}…</code></td></tr>",
                entry.sequence(),
                WHEN.format(entry.instant()),
                operation(entry),
                entry.documentId().isEmpty() ? "—" : entry.documentId(),
                entry.hash().substring(0, 12)));
      }
    }
    JournalVerification verification = safe.verifyJournal(DocumentsFeature.TENANT);
    Html chain =
        verification.intact()
            ? Html.of(
                "<p class=\"badge badge--success\" id=\"journal-etat\">Journal intègre : {} entrées"
                    + " vérifiées</p>",
                verification.entriesChecked())
            : Html.of(
                "<p class=\"badge badge--error\" id=\"journal-etat\">Journal altéré à partir de"
                    + " l'entrée {}</p>",
                verification.firstBrokenSequence().getAsLong());
    layout.page(
        request,
        response,
        "Déposer un justificatif",
        Html.of(
            "<form class=\"form\" method=\"post\" action=\"/justificatifs\""
                + " enctype=\"multipart/form-data\">{}"
                + "<div class=\"field\"><label for=\"nature\">Nature du document</label>"
                + "<select id=\"nature\" name=\"nature\">"
                + "<option value=\"domicile\">Justificatif de domicile</option>"
                + "<option value=\"identite\">Pièce d'identité</option>"
                + "<option value=\"autre\">Autre justificatif</option></select></div>"
                + "<div class=\"field\"><label for=\"fichier\">Fichier"
                + "<span class=\"hint\">PDF, JPEG ou PNG, 10 Mo au plus.</span></label>"
                + "<input type=\"file\" id=\"fichier\" name=\"fichier\" required></div>"
                + "<button class=\"button\" type=\"submit\" id=\"deposer\">Déposer</button></form>"
                + "<h2>Mes documents</h2>{}{}"
                + "<h2>Journal de mes documents</h2>"
                + "<p>Chaque opération est inscrite dans un journal chaîné : modifier ou effacer une"
                + " entrée casse la chaîne.</p>{}"
                + "<table class=\"table\" id=\"journal\"><thead><tr><th>N°</th><th>Date</th>"
                + "<th>Opération</th><th>Document</th><th>Empreinte de l'entrée</th></tr></thead>"
                + "<tbody>{}</tbody></table>",
            Csrf.field(request),
            table,
            rows.isEmpty()
                ? new Html("")
                : Html.of(
                    "<form method=\"post\" action=\"/justificatifs/archiver\" id=\"archivage\">{}"
                        + "<p>Produire le paquet de versement (SEDA 2.3) de votre dossier, tel que"
                        + " la mairie le remettrait à son service d'archives.</p>"
                        + "<button class=\"button button--secondary\" type=\"submit\""
                        + " id=\"archiver\">Archiver mon dossier (SEDA)</button></form>",
                    Csrf.field(request)),
            chain,
            Html.join(journal)));
  }

  private void altered(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    layout.error(
        request,
        response,
        HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
        "Alerte : un document du coffre-fort a été altéré. Il ne peut pas être délivré.");
  }

  private void forbidden(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    layout.error(
        request,
        response,
        HttpServletResponse.SC_FORBIDDEN,
        "Le formulaire a expiré. Rechargez la page et recommencez.");
  }

  private static String field(HttpServletRequest request, String name)
      throws IOException, ServletException {
    Part part = request.getPart(name);
    if (part == null || part.getSize() > 1024) {
      return null;
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String operation(JournalEntry entry) {
    return switch (entry.operation()) {
      case DEPOSIT -> "dépôt";
      case READ -> "lecture";
      case METADATA -> "consultation des métadonnées";
      case VERIFY -> "vérification : intact";
      case VERIFY_FAILED -> "vérification : ALTÉRÉ";
      case DESTROY -> "destruction";
      case DESTROY_REFUSED -> "destruction refusée";
      case LIST -> "liste";
      case COUNT -> "comptage";
      case LEGAL_HOLD_SET -> "gel juridique posé";
      case LEGAL_HOLD_RELEASED -> "gel juridique levé";
      case RETENTION_EXTENDED -> "conservation prolongée";
      case KEY_REWRAPPED -> "rotation de clé";
      case DEPOSIT_ROLLED_BACK -> "dépôt interrompu annulé";
      case KEYS_RETIRED -> "anciennes clés retirées";
      case CONTENT_REFUSED -> "dépôt refusé par l'antivirus";
      case ARCHIVE_TRANSFERRED -> "versement SEDA";
      case ARCHIVE_ACCEPTED -> "versement accepté par les archives";
      case ARCHIVE_REJECTED -> "versement refusé par les archives";
      case JOURNAL_SEALED -> "scellement du journal";
    };
  }

  /** Keeps the last path segment and drops control characters; browsers send either form. */
  static String cleanFilename(String submitted) {
    String name = submitted == null ? "" : submitted;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("\\p{Cntrl}", "").strip();
    if (name.length() > 120) {
      name = name.substring(name.length() - 120);
    }
    return name.isEmpty() ? "document" : name;
  }

  /** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 5987 encoding). */
  static String attachment(String filename) {
    String ascii = filename.replaceAll("[^A-Za-z0-9._ -]", "_");
    String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " octets";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.FRANCE, "%.1f Ko", bytes / 1024.0);
    }
    return String.format(Locale.FRANCE, "%.1f Mo", bytes / (1024.0 * 1024));
  }
}
