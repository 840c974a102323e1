package fr.socle.storage;

import static fr.socle.storage.SafeFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTamperingTest {
  @TempDir Path dir;
  SafeFixture f;

  @BeforeEach
  void setUp() {
    f = new SafeFixture(dir);
    for (int i = 1; i <= 5; i++) {
      f.deposit("doc-" + i, ("content " + i).getBytes());
    }
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private List<Path> entries() throws Exception {
    try (Stream<Path> walk = Files.walk(f.storeDir.resolve("objects"))) {
      return walk.filter(p -> p.getParent().endsWith("journal")).sorted().toList();
    }
  }

  @Test
  void verifyJournal_whenIntact_reportsAllEntries() {
    JournalVerification v = f.safe.verifyJournal(TENANT);
    assertThat(v.intact()).isTrue();
    assertThat(v.entriesChecked()).isEqualTo(5);
    assertThat(v.headHash()).isEqualTo(f.safe.journal(TENANT, 5, 1).get(0).hash());
  }

  @Test
  void verifyJournal_whenEntryEdited_namesIt() throws Exception {
    Path third = entries().get(2);
    Files.writeString(third, Files.readString(third).replace("agent:jdupont", "agent:intrus"));

    JournalVerification v = f.safe.verifyJournal(TENANT);

    assertThat(v.firstBrokenSequence()).hasValue(3);
    assertThat(v.entriesChecked()).isEqualTo(3);
  }

  @Test
  void verifyJournal_whenEntryEditedAndItsHashRecomputed_namesTheNextOne() throws Exception {
    // Without the key-less chain being anchored elsewhere the forger must rewrite every later
    // entry; rewriting only one breaks the link to its successor.
    List<Path> e = entries();
    Files.writeString(
        e.get(1), Files.readString(e.get(2)).replace("\"sequence\":3", "\"sequence\":2"));

    assertThat(f.safe.verifyJournal(TENANT).firstBrokenSequence()).hasValue(2);
  }

  @Test
  void verifyJournal_whenEntryDeleted_namesTheMissingSequence() throws Exception {
    Files.delete(entries().get(3));

    assertThat(f.safe.verifyJournal(TENANT).firstBrokenSequence()).hasValue(4);
  }

  @Test
  void verifyJournal_whenEntriesSwapped_namesTheFirst() throws Exception {
    List<Path> e = entries();
    String second = Files.readString(e.get(1));
    Files.writeString(e.get(1), Files.readString(e.get(2)));
    Files.writeString(e.get(2), second);

    assertThat(f.safe.verifyJournal(TENANT).firstBrokenSequence()).hasValue(2);
  }

  @Test
  void append_whenLastEntryIsBroken_refusesToChainAfterIt() throws Exception {
    List<Path> e = entries();
    Files.writeString(e.get(4), "garbage");
    f.closeSafe();
    f.safe = f.open(f.keys);

    assertThatThrownBy(() -> f.deposit("doc-6", "x".getBytes()))
        .isInstanceOf(IntegrityViolationException.class);
    assertThat(f.safe.verifyJournal(TENANT).firstBrokenSequence()).hasValue(5);
  }
}
