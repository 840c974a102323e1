package fr.socle.storage;

import static fr.socle.storage.SafeFixture.AGENT;
import static fr.socle.storage.SafeFixture.CONTAINER;
import static fr.socle.storage.SafeFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void deposit_whenManyThreadsDepositAtOnce_keepsEveryDocumentAndOneIntactJournal()
      throws Exception {
    int threads = 8;
    int perThread = 10;
    try (SafeFixture f = new SafeFixture(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<DocumentMetadata>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<List<DocumentMetadata>> task =
            () -> {
              start.await();
              List<DocumentMetadata> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                mine.add(
                    f.deposit(
                        "doc-" + thread + "-" + i, TestData.bytes(50_000, thread * 100L + i)));
                // Every thread also adds a version to one shared document.
                mine.add(f.deposit("shared", TestData.bytes(1000, thread * 1000L + i)));
              }
              return mine;
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<DocumentMetadata> all = new ArrayList<>();
      for (Future<List<DocumentMetadata>> fu : futures) {
        all.addAll(fu.get());
      }
      pool.shutdown();

      assertThat(f.safe.count(TENANT, CONTAINER, AGENT)).isEqualTo(threads * perThread + 1);
      assertThat(
              all.stream()
                  .filter(m -> m.ref().id().equals("shared"))
                  .map(DocumentMetadata::version))
          .doesNotHaveDuplicates()
          .hasSize(threads * perThread);
      assertThat(f.safe.metadata(DocumentRef.of(TENANT, CONTAINER, "shared"), AGENT).version())
          .isEqualTo(threads * perThread);
      for (int t = 0; t < threads; t++) {
        assertThat(f.read("doc-" + t + "-3")).isEqualTo(TestData.bytes(50_000, t * 100L + 3));
      }
      JournalVerification v = f.safe.verifyJournal(TENANT);
      assertThat(v.intact()).isTrue();
      assertThat(v.entriesChecked()).isGreaterThanOrEqualTo(2L * threads * perThread);
    }
  }
}
