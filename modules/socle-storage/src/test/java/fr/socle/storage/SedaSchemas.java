package fr.socle.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * The official SEDA XSDs, read from {@code shared/specs/seda} next to (or above) the repository and
 * resolved offline: the W3C schemas they import by absolute URL map to local copies, and any other
 * network access is refused. Tests that need them are skipped with a message when the folder is
 * absent.
 */
final class SedaSchemas {
  private static final Map<SedaVersion, Schema> CACHE = new ConcurrentHashMap<>();

  private SedaSchemas() {}

  static Optional<Path> folder() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("specs").resolve("seda");
      if (Files.isDirectory(candidate.resolve("seda-2.3"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static Schema schema(SedaVersion version) {
    Optional<Path> folder = folder();
    Assumptions.assumeTrue(
        folder.isPresent(),
        "the official SEDA XSDs (shared/specs/seda above the repository) are absent:"
            + " manifest validation is skipped");
    return CACHE.computeIfAbsent(version, v -> load(folder.get(), v));
  }

  private static Schema load(Path folder, SedaVersion version) {
    String name = version == SedaVersion.V2_2 ? "seda-2.2" : "seda-2.3";
    Path main = folder.resolve(name).resolve(name + "-main.xsd");
    Path w3c = folder.resolve("w3c");
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      // Offline: only local files, whatever the schemas say.
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setResourceResolver(new Offline(w3c));
      return factory.newSchema(new StreamSource(main.toFile()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot load " + main, e);
    }
  }

  /** Maps the W3C imports to the local copies. */
  private record Offline(Path w3c) implements LSResourceResolver {
    @Override
    public LSInput resolveResource(
        String type, String namespace, String publicId, String systemId, String baseUri) {
      String file =
          switch (systemId == null ? "" : systemId) {
            case "http://www.w3.org/2001/xml.xsd" -> "xml.xsd";
            case "http://www.w3.org/1999/xlink.xsd" -> "xlink.xsd";
            default -> null;
          };
      if (file == null) {
        return null;
      }
      try {
        byte[] bytes = Files.readAllBytes(w3c.resolve(file));
        return new Input(systemId, baseUri, bytes);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private record Input(String systemId, String baseUri, byte[] bytes) implements LSInput {
    @Override
    public Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(Reader r) {}

    @Override
    public InputStream getByteStream() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public void setByteStream(InputStream s) {}

    @Override
    public String getStringData() {
      return null;
    }

    @Override
    public void setStringData(String s) {}

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public void setSystemId(String s) {}

    @Override
    public String getPublicId() {
      return null;
    }

    @Override
    public void setPublicId(String s) {}

    @Override
    public String getBaseURI() {
      return baseUri;
    }

    @Override
    public void setBaseURI(String s) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String s) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean b) {}
  }
}
