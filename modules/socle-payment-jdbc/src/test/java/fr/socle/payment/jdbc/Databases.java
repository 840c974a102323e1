package fr.socle.payment.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** A real PostgreSQL server, started once for the test JVM, and fresh databases on it or on H2. */
final class Databases {
  private static EmbeddedPostgres postgres;

  private Databases() {}

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is stopping
                    }
                  }));
    }
    return postgres;
  }

  /** A new, empty PostgreSQL database behind a pool of at most 20 connections. */
  static JdbcConnectionPool freshPostgres() {
    String name = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setServerNames(new String[] {"localhost"});
    pg.setPortNumbers(new int[] {postgres().getPort()});
    pg.setDatabaseName(name);
    pg.setUser("postgres");
    JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
    pool.setMaxConnections(20);
    return pool;
  }

  /** A new in-memory H2 database. */
  static DataSource freshH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return JdbcConnectionPool.create(h2);
  }
}
