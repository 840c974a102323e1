package fr.socle.onceonly.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/** A real PostgreSQL server on a free port, started once for the test JVM, and fresh databases. */
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

  /** A new, empty database behind a pool of at most 20 connections: one "node". */
  static JdbcConnectionPool freshPostgres() {
    String name = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return pool(name);
  }

  /** Another pool on the same database: a second node. */
  static JdbcConnectionPool pool(String database) {
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setServerNames(new String[] {"localhost"});
    pg.setPortNumbers(new int[] {postgres().getPort()});
    pg.setDatabaseName(database);
    pg.setUser("postgres");
    JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
    pool.setMaxConnections(20);
    return pool;
  }
}
