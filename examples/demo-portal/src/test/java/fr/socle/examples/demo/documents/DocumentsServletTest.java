package fr.socle.examples.demo.documents;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.examples.demo.web.Citizen;
import org.junit.jupiter.api.Test;

class DocumentsServletTest {
  @Test
  void cleanFilename_whenPathGiven_keepsTheLastSegmentOnly() {
    assertThat(DocumentsServlet.cleanFilename("C:\\Users\\moi\\facture.pdf"))
        .isEqualTo("facture.pdf");
    assertThat(DocumentsServlet.cleanFilename("../../etc/passwd")).isEqualTo("passwd");
  }

  @Test
  void cleanFilename_whenControlCharactersOrNothing_dropsThemOrNamesIt() {
    assertThat(DocumentsServlet.cleanFilename("a\r\nb\u0000.pdf")).isEqualTo("ab.pdf");
    assertThat(DocumentsServlet.cleanFilename(null)).isEqualTo("document");
    assertThat(DocumentsServlet.cleanFilename("   ")).isEqualTo("document");
  }

  @Test
  void cleanFilename_whenVeryLong_keepsTheEndWithItsExtension() {
    String cleaned = DocumentsServlet.cleanFilename("x".repeat(500) + ".pdf");
    assertThat(cleaned).hasSize(120).endsWith(".pdf");
  }

  @Test
  void attachment_whenNameHasQuotesOrNonAscii_cannotBreakTheHeader() {
    String header = DocumentsServlet.attachment("relevé \"final\";x=1.pdf");

    assertThat(header)
        .isEqualTo(
            "attachment; filename=\"relev_ _final__x_1.pdf\";"
                + " filename*=UTF-8''relev%C3%A9%20%22final%22%3Bx%3D1.pdf");
  }

  @Test
  void container_isADigestOfTheSubject_notTheSubject() {
    Citizen citizen = new Citizen("a".repeat(64) + "v1", "Angela", "");

    String container = DocumentsServlet.container(citizen);

    assertThat(container).matches("citoyen-[0-9a-f]{32}").doesNotContain("aaaa");
    assertThat(DocumentsServlet.container(new Citizen("b", "B", ""))).isNotEqualTo(container);
  }
}
