package fr.socle.payment.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts the executions (round trips) of the statements whose SQL contains a
 * marker, and can hold the first of them until released: a slow database, on demand.
 */
final class CountingDataSource implements DataSource {
  private final DataSource target;
  private final String marker;
  private final AtomicInteger executions = new AtomicInteger();
  final CountDownLatch firstStarted = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  /** The execution (1-based) that fails with a driver bug instead of running; 0 for none. */
  volatile int failing;

  CountingDataSource(DataSource target, String marker) {
    this.target = target;
    this.marker = marker;
  }

  int executions() {
    return executions.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(target.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, method, args) -> {
          Object result = invoke(c, method, args);
          if ("prepareStatement".equals(method.getName()) && ((String) args[0]).contains(marker)) {
            return watch((PreparedStatement) result);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private PreparedStatement watch(PreparedStatement ps) {
    InvocationHandler h =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("executeUpdate") || name.equals("executeBatch")) {
            int n = executions.incrementAndGet();
            if (n == failing) {
              throw new IllegalStateException("driver bug");
            }
            if (n == 1) {
              firstStarted.countDown();
              if (!release.await(30, TimeUnit.SECONDS)) {
                throw new SQLException("test gate never released");
              }
            }
          }
          return invoke(ps, method, args);
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
