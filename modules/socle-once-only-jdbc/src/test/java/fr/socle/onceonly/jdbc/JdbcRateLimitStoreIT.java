package fr.socle.onceonly.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.onceonly.spi.Pace;
import fr.socle.onceonly.spi.RateLimitStore;
import fr.socle.testkit.contract.RateLimitStoreContract;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcRateLimitStoreIT extends RateLimitStoreContract {
  static JdbcConnectionPool nodeA;
  static JdbcConnectionPool nodeB;
  static RateLimitStore storeA;
  static RateLimitStore storeB;

  @BeforeAll
  static void database() throws Exception {
    nodeA = Databases.freshPostgres();
    String name;
    try (Connection c = nodeA.getConnection()) {
      name = c.getCatalog();
    }
    nodeB = Databases.pool(name);
    storeA = JdbcRateLimitStore.create(nodeA);
    storeB = JdbcRateLimitStore.create(nodeB);
  }

  @AfterAll
  static void close() {
    nodeA.dispose();
    nodeB.dispose();
  }

  @Override
  protected RateLimitStore store() {
    return storeA;
  }

  @Override
  protected RateLimitStore otherNode() {
    return storeB;
  }

  @Test
  void create_isIdempotent_andLeavesTheDataSourceOpen() throws Exception {
    JdbcRateLimitStore.create(nodeA);
    try (Connection c = nodeA.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT 1 FROM " + JdbcRateLimitStore.TABLE);
    }
  }

  @Test
  void purgeExpired_forgetsOldKeysOnly() throws Exception {
    String old = "purge:" + UUID.randomUUID();
    String fresh = "purge:" + UUID.randomUUID();
    storeA.reserve(List.of(new Pace(old, Duration.ofMillis(1))), Duration.ZERO);
    storeA.holdOff(fresh, Duration.ofMinutes(5));
    try (Connection c = nodeA.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "UPDATE "
              + JdbcRateLimitStore.TABLE
              + " SET next_slot_us = 0 WHERE rate_key = '"
              + old
              + "'");
    }
    assertThat(((JdbcRateLimitStore) storeA).purgeExpired()).isGreaterThanOrEqualTo(1);
    // the fresh key still holds its hold-off
    assertThat(
            storeB.reserve(List.of(new Pace(fresh, Duration.ofMillis(1))), Duration.ofSeconds(1)))
        .isEmpty();
  }

  @Test
  void unreachableDatabase_failsClosed() {
    JdbcConnectionPool dead =
        Databases.pool("no_such_database_" + UUID.randomUUID().toString().replace("-", ""));
    try {
      assertThatThrownBy(() -> JdbcRateLimitStore.create(dead))
          .isInstanceOf(SocleClientException.class)
          .hasMessageContaining("not called");
    } finally {
      dead.dispose();
    }
  }
}
