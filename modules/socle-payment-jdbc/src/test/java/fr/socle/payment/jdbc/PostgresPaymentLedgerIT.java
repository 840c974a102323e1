package fr.socle.payment.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PostgresPaymentLedgerIT extends JdbcPaymentLedgerContract {
  @Override
  DataSource newDatabase() {
    return Databases.freshPostgres();
  }

  @Test
  void create_whenSeveralNodesStartTogether_migratesOnce() throws Exception {
    DataSource shared = Databases.freshPostgres();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<JdbcPaymentLedger>> nodes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      nodes.add(
          pool.submit(
              () -> {
                go.await();
                return JdbcPaymentLedger.create(shared);
              }));
    }
    go.countDown();
    for (Future<JdbcPaymentLedger> f : nodes) {
      assertThat(f.get(60, TimeUnit.SECONDS)).isNotNull();
    }
    pool.shutdown();
  }
}
