package fr.socle.storage;

import static fr.socle.storage.SafeFixture.AGENT;
import static fr.socle.storage.SafeFixture.CONTAINER;
import static fr.socle.storage.SafeFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error rule of docs/core.md: bad values are {@link InvalidInputException}, nulls a {@link
 * NullPointerException} whose message is the parameter's name, builder misses an {@link
 * InvalidInputException} naming the setter.
 */
class ErrorRuleTest {
  private static final DocumentRef REF = DocumentRef.of(TENANT, CONTAINER, "doc");

  @TempDir Path dir;
  SafeFixture f;

  @BeforeEach
  void setUp() {
    f = new SafeFixture(dir);
    f.deposit("doc", new byte[] {1, 2, 3});
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static void npe(String parameter, ThrowingCallable call) {
    assertThatThrownBy(call)
        .as(parameter)
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(parameter);
  }

  private static void invalid(String mentions, ThrowingCallable call) {
    assertThatThrownBy(call)
        .as(mentions)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(mentions);
  }

  @Test
  @DisplayName("a builder without its store or keys names the setter to call")
  void build_whenRequiredSettingMissing_throwsInvalidInput() {
    invalid(
        "objectStore is required: call objectStore(...)",
        () -> DocumentSafe.builder().keyEncryptionKeys(f.keys).build());
    invalid(
        "keyEncryptionKeys is required: call keyEncryptionKeys(...)",
        () -> DocumentSafe.builder().objectStore(InMemoryObjectStore.withoutObjectLock()).build());
    invalid(
        "depositor is required: call depositor(...)",
        () -> DepositRequest.builder(TENANT, CONTAINER).build());
    invalid("call tcp(...) or unixSocket(...)", () -> ClamdScanner.builder().build());
    invalid(
        "transferringAgency is required: call transferringAgency(...)",
        () ->
            ArchiveTransferRequest.builder("SOCLE-1")
                .archivalAgency("FRAD075")
                .originatingAgency("21750001600019")
                .item(ArchiveItem.of(REF, "title"))
                .build());
    invalid(
        "at least one item is required: call item(...)",
        () ->
            ArchiveTransferRequest.builder("SOCLE-1")
                .archivalAgency("FRAD075")
                .transferringAgency("21750001600019")
                .originatingAgency("21750001600019")
                .build());
  }

  @Test
  @DisplayName("a builder setting that is null fails at once, naming the parameter")
  void builderSetters_whenNull_throwNpeNamingTheParameter() {
    DocumentSafeBuilder b = DocumentSafe.builder();
    npe("store", () -> b.objectStore(null));
    npe("keys", () -> b.keyEncryptionKeys(null));
    npe("clock", () -> b.clock(null));
    npe("digestAlgorithm", () -> b.digestAlgorithm(null));
    npe("retentionMode", () -> b.retentionMode(null));
    npe("age", () -> b.recoveryGracePeriod(null));
    invalid("recoveryGracePeriod", () -> b.recoveryGracePeriod(Duration.ofSeconds(-1)));
  }

  @Test
  @DisplayName("every method of the safe names a null parameter")
  void safeMethods_whenNull_throwNpeNamingTheParameter() {
    DocumentSafe safe = f.safe;
    npe("ref", () -> safe.read(null, AGENT));
    npe("actor", () -> safe.read(REF, null));
    npe("ref", () -> safe.read(null, 1, AGENT));
    npe("actor", () -> safe.read(REF, 1, null));
    npe("ref", () -> safe.readTo(null, AGENT, new ByteArrayOutputStream()));
    npe("out", () -> safe.readTo(REF, AGENT, null));
    npe("ref", () -> safe.metadata(null, AGENT));
    npe("actor", () -> safe.metadata(REF, null));
    npe("ref", () -> safe.verify(null, AGENT));
    npe("ref", () -> safe.destroy(null, AGENT));
    npe("actor", () -> safe.destroy(REF, null));
    npe("tenant", () -> safe.list(null, CONTAINER, AGENT));
    npe("container", () -> safe.list(TENANT, null, AGENT));
    npe("actor", () -> safe.count(TENANT, CONTAINER, null));
    npe("tenant", () -> safe.journal(null, 1, 10));
    npe("tenant", () -> safe.verifyJournal(null));
    npe("ref", () -> safe.legalHold(null, true, AGENT));
    npe("until", () -> safe.extendRetention(REF, null, AGENT));
    npe("tenant", () -> safe.rewrapKeys(null, AGENT));
    npe("actor", () -> safe.retireOldKeys(TENANT, null));
    npe("request", () -> safe.deposit(null, InputStream.nullInputStream()));
    npe(
        "content",
        () ->
            safe.deposit(DepositRequest.builder(TENANT, CONTAINER).depositor(AGENT).build(), null));
  }

  @Test
  @DisplayName("bad values are InvalidInputException naming the parameter, never echoing it")
  void safeMethods_whenBadValue_throwInvalidInput() {
    DocumentSafe safe = f.safe;
    invalid("version", () -> safe.read(REF, 0, AGENT));
    invalid("limit", () -> safe.journal(TENANT, 1, -1));
    invalid("actor", () -> safe.read(REF, " "));
    invalid("actor", () -> safe.metadata(REF, "a\u0000b"));
    invalid("container", () -> safe.count(TENANT, "", AGENT));
    invalid("tenant", () -> safe.verifyJournal("x".repeat(101)));
    invalid(
        "expectedDigest",
        () ->
            DepositRequest.builder(TENANT, CONTAINER)
                .depositor(AGENT)
                .expectedDigest("NOT-HEX")
                .build());
    invalid("unknown digest algorithm", () -> DigestAlgorithm.fromJcaName("MD5"));
    invalid("journal seal", () -> JournalSeal.parse("not a seal"));
    assertThatThrownBy(() -> safe.read(REF, "jean.dupont@example.fr\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("dupont");
  }

  /**
   * A seal's text comes from outside (an auditor's mailbox): whatever it holds, parsing it is a
   * seal or an {@link InvalidInputException}, never another exception.
   */
  @Test
  @DisplayName("JournalSeal.parse over hostile text: a seal or InvalidInputException, nothing else")
  void journalSealParse_overHostileText_throwsOnlyInvalidInput() {
    String valid =
        new JournalSeal(TENANT, 3, "a".repeat(64), java.time.Instant.EPOCH, "c2ln").encoded();
    assertThat(JournalSeal.parse(valid).tenant()).isEqualTo(TENANT);
    String[] parts = valid.split(" ");
    String[] garbage = {
      "", "!!!", "%%", "\u00e9", "-1", "9".repeat(30), "a=b", "..", "\uD800", "?"
    };
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 2_000; i++) {
      String[] mutated = parts.clone();
      mutated[1 + random.nextInt(parts.length - 1)] = garbage[random.nextInt(garbage.length)];
      String text = String.join(" ", mutated);
      try {
        JournalSeal.parse(text);
      } catch (InvalidInputException expected) {
        assertThat(expected.getMessage()).doesNotContain(TENANT);
      }
    }
    npe("text", () -> JournalSeal.parse(null));
    npe("root", () -> FileSystemObjectStore.open(null));
    npe("dir", () -> LocalKeyEncryptionKeys.open(null));
    npe("safe", () -> ArchiveTransfers.create(null));
    try (FileSystemObjectStore store = FileSystemObjectStore.open(dir.resolve("nulls"))) {
      npe("key", () -> store.get(null));
      npe("key", () -> store.delete(null));
      npe("prefix", () -> store.list(null));
      npe("options", () -> store.openWriter("a", null));
    }
    npe("name", () -> DigestAlgorithm.fromJcaName(null));
  }

  /**
   * Property over arbitrary strings as tenant, container and identifier (lone surrogates, controls,
   * {@code ?}, {@code %}, {@code /}, {@code .}, {@code ..}, empty, very long): each is either
   * refused by the public API with {@link InvalidInputException} (never another type, and never
   * echoing the value) or accepted, and two different accepted identifiers never share a document's
   * place in the store.
   */
  @Test
  @DisplayName("arbitrary names: refused with InvalidInputException, or stored apart")
  void documentRef_overArbitraryStrings_refusesOrKeepsApart() throws Exception {
    SplittableRandom random = new SplittableRandom(15);
    Set<String> prefixes = new HashSet<>();
    Set<String> ids = new HashSet<>();
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      String name = arbitrary(random);
      DocumentRef ref;
      try {
        ref = DocumentRef.of(TENANT, CONTAINER, name);
      } catch (InvalidInputException e) {
        assertThat(e.getMessage()).startsWith("id must");
        assertThatThrownBy(() -> DocumentRef.of(name, CONTAINER, "x"))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith("tenant must");
        refused++;
        continue;
      }
      if (ids.add(name)) {
        assertThat(prefixes.add(fr.socle.storage.internal.Layout.documentPrefix(ref)))
            .as("a second name reaches the same objects")
            .isTrue();
      }
    }
    assertThat(refused).isBetween(1_000, 19_000);

    // End to end: a lone surrogate never reads the objects of "?".
    f.safe.deposit(
        DepositRequest.builder(TENANT, CONTAINER).id("?").depositor(AGENT).build(),
        new ByteArrayInputStream(new byte[] {9}));
    assertThatThrownBy(() -> f.safe.read(DocumentRef.of(TENANT, CONTAINER, "\uD800"), AGENT))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> f.safe.count("\uDC00", CONTAINER, AGENT))
        .isInstanceOf(InvalidInputException.class);
    assertThat(f.safe.count(TENANT, CONTAINER, AGENT)).isEqualTo(2);
    assertThat(f.safe.metadata(DocumentRef.of(TENANT, CONTAINER, "?"), AGENT).size()).isOne();
  }

  private static String arbitrary(SplittableRandom random) {
    switch (random.nextInt(30)) {
      case 0:
        return "";
      case 1:
        return random.nextBoolean() ? "." : "..";
      case 2:
        return "x".repeat(98 + random.nextInt(5));
      default:
        break;
    }
    StringBuilder sb = new StringBuilder();
    int length = 1 + random.nextInt(5);
    for (int j = 0; j < length; j++) {
      switch (random.nextInt(6)) {
        case 0 -> sb.append("?%/.\\~A".charAt(random.nextInt(7)));
        case 1 -> sb.append((char) (0xD800 + random.nextInt(0x800)));
        case 2 -> sb.appendCodePoint(0x1F600 + random.nextInt(32));
        case 3 -> sb.append((char) random.nextInt(0x20));
        case 4 -> sb.append((char) ('a' + random.nextInt(3)));
        default -> sb.append((char) random.nextInt(0x10000));
      }
    }
    return sb.toString();
  }
}
