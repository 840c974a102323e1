package fr.socle.core.json;

import fr.socle.core.SocleClientException;
import fr.socle.core.internal.BoundedReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * JSON reading and writing through Jakarta JSON Binding (Yasson), with safe defaults.
 *
 * <ul>
 *   <li>unknown properties are ignored, so a peer adding a field never breaks a client;
 *   <li>input is bounded (default 10 MiB): a larger document is refused before parsing;
 *   <li>errors are {@link SocleClientException}s that name the target type, never the input (which
 *       may hold personal data);
 *   <li>records, {@code java.time} types and {@code Optional} are supported, nulls are not written.
 * </ul>
 *
 * <p>Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * Json json = Json.create();
 * Commune commune = json.read(response.body(), Commune.class);
 * }</pre>
 */
public final class Json implements AutoCloseable {
  /** Default input cap: 10 MiB. */
  public static final long DEFAULT_MAX_INPUT_BYTES = 10L * 1024 * 1024;

  private final Jsonb jsonb;
  private final long maxInputBytes;

  private Json(long maxInputBytes) {
    this.maxInputBytes = maxInputBytes;
    this.jsonb =
        JsonbBuilder.create(
            new JsonbConfig()
                .withNullValues(false)
                .withEncoding(StandardCharsets.UTF_8.name())
                .withFormatting(false));
  }

  /**
   * Creates a facade with the default input cap.
   *
   * @return a new facade
   */
  public static Json create() {
    return new Json(DEFAULT_MAX_INPUT_BYTES);
  }

  /**
   * Creates a facade with a custom input cap.
   *
   * @param maxInputBytes the largest document accepted, positive
   * @return a new facade
   */
  public static Json withMaxInputBytes(long maxInputBytes) {
    if (maxInputBytes <= 0) {
      throw new SocleClientException("maximum JSON input size must be positive");
    }
    return new Json(maxInputBytes);
  }

  /**
   * Returns the input cap.
   *
   * @return the largest document accepted, in bytes
   */
  public long maxInputBytes() {
    return maxInputBytes;
  }

  /**
   * Reads a UTF-8 JSON document into a type.
   *
   * @param json the document
   * @param type the target class (record, bean, {@code Map}, ...)
   * @param <T> the target type
   * @return the value, never null
   * @throws SocleClientException if the document is too large, malformed, {@code null}, or does not
   *     fit the type
   */
  public <T> T read(byte[] json, Class<T> type) {
    return read(json, (Type) type);
  }

  /**
   * Reads a UTF-8 JSON document into a generic type.
   *
   * @param json the document
   * @param type the target type, for example a {@code ParameterizedType} for {@code List<Commune>}
   * @param <T> the target type
   * @return the value, never null
   * @throws SocleClientException if the document is too large, malformed, {@code null}, or does not
   *     fit the type
   */
  public <T> T read(byte[] json, Type type) {
    if (json == null) {
      throw new SocleClientException("no JSON document to read as " + typeName(type));
    }
    if (json.length > maxInputBytes) {
      throw BoundedReader.tooLarge("JSON document", maxInputBytes);
    }
    return parse(new ByteArrayInputStream(json), type);
  }

  /**
   * Reads a JSON document given as text.
   *
   * @param json the document
   * @param type the target class
   * @param <T> the target type
   * @return the value, never null
   * @throws SocleClientException if the document is too large, malformed or does not fit the type
   */
  public <T> T read(String json, Class<T> type) {
    if (json == null) {
      throw new SocleClientException("no JSON document to read as " + typeName(type));
    }
    return read(json.getBytes(StandardCharsets.UTF_8), type);
  }

  /**
   * Reads a UTF-8 JSON document from a stream, reading at most the cap. The stream is not closed.
   *
   * @param in the stream
   * @param type the target type
   * @param <T> the target type
   * @return the value, never null
   * @throws SocleClientException if the document is too large, malformed, unreadable or does not
   *     fit
   */
  public <T> T read(InputStream in, Type type) {
    try {
      return read(BoundedReader.readAll(in, maxInputBytes, "JSON document"), type);
    } catch (IOException e) {
      throw new SocleClientException("cannot read JSON document as " + typeName(type), e);
    }
  }

  /**
   * Writes a value as compact UTF-8 JSON, leaving out null properties.
   *
   * @param value the value
   * @return the JSON bytes
   * @throws SocleClientException if the value cannot be serialized
   */
  public byte[] write(Object value) {
    return writeString(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes a value as compact JSON text.
   *
   * @param value the value
   * @return the JSON text
   * @throws SocleClientException if the value cannot be serialized
   */
  public String writeString(Object value) {
    try {
      return jsonb.toJson(value);
    } catch (JsonbException e) {
      throw new SocleClientException(
          "cannot write " + (value == null ? "null" : value.getClass().getName()) + " as JSON", e);
    }
  }

  private <T> T parse(InputStream in, Type type) {
    T value;
    try {
      value = jsonb.fromJson(in, type);
    } catch (JsonbException | jakarta.json.JsonException | IllegalArgumentException e) {
      // The cause may quote the input; it is kept for debugging but the message names only the
      // type.
      throw new SocleClientException(
          "malformed JSON, or JSON that does not match " + typeName(type), e);
    }
    if (value == null) {
      throw new SocleClientException("JSON document is null, expected " + typeName(type));
    }
    return value;
  }

  private static String typeName(Type type) {
    return type == null ? "null" : type.getTypeName();
  }

  /** Releases Yasson's resources. */
  @Override
  public void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      // nothing to do: closing only clears caches
    }
  }

  @Override
  public String toString() {
    return "Json[maxInputBytes=" + maxInputBytes + "]";
  }
}
