package fr.socle.refdata.internal;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends, an optional UTF-8 BOM. */
public final class Csv {
  private Csv() {}

  /**
   * Writes rows.
   *
   * @param rows the rows, the first being the header
   * @param delimiter the separator
   * @return the CSV text, lines ending with CRLF
   */
  public static String write(List<List<String>> rows, char delimiter) {
    StringBuilder b = new StringBuilder(rows.size() * 64);
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          b.append(delimiter);
        }
        String v = row.get(i) == null ? "" : row.get(i);
        if (v.indexOf(delimiter) >= 0
            || v.indexOf('"') >= 0
            || v.indexOf('\n') >= 0
            || v.indexOf('\r') >= 0) {
          b.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
          b.append(v);
        }
      }
      b.append("\r\n");
    }
    return b.toString();
  }

  /**
   * Parses CSV text.
   *
   * @param text the text
   * @param delimiter the separator
   * @return the rows, blank lines skipped
   * @throws IllegalArgumentException on an unterminated quote
   */
  public static List<List<String>> parse(String text, char delimiter) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    boolean quoted = false;
    boolean any = false;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          row.add(field.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    if (any || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
