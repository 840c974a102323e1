package fr.socle.testkit.payfip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's public TCP port: relays each connection to the internal JDK HttpServer, and can
 * abort one with a real TCP reset (RST), which the JDK server cannot do since it never exposes its
 * sockets. A handler finds its connection by the peer address the HttpServer sees, which is the
 * local address of the relay's socket.
 */
final class FrontDoor implements AutoCloseable {
  private static final int BUFFER = 16 * 1024;
  private static final int LINGER_MILLIS = 5_000;

  private final ServerSocket listener;
  private final ExecutorService threads;
  private volatile InetSocketAddress backend;
  private final Map<Integer, Relay> relaysByBackendPort = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Binds the public port; connections wait in the backlog until {@link #open}. */
  FrontDoor(int port) throws IOException {
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    this.threads = Executors.newCachedThreadPool(PayfipSimulator.daemon("payfip-sim-tcp"));
  }

  /** Starts relaying accepted connections to the HttpServer at this address. */
  void open(InetSocketAddress backend) {
    this.backend = backend;
    threads.execute(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      Socket server = new Socket();
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(backend, 5_000);
        Relay relay = new Relay(client, server);
        relaysByBackendPort.put(server.getLocalPort(), relay);
        threads.execute(() -> relay.pump(client, server));
        threads.execute(() -> relay.pump(server, client));
      } catch (IOException | RuntimeException e) {
        closeQuietly(client);
        closeQuietly(server);
      }
    }
  }

  /**
   * Aborts the caller's connection with a TCP reset.
   *
   * @param seenByServer the remote address of the exchange, as the HttpServer sees it
   * @return false if no relayed connection matches
   */
  boolean reset(InetSocketAddress seenByServer) {
    Relay relay = relaysByBackendPort.get(seenByServer.getPort());
    if (relay == null) {
      return false;
    }
    relay.reset();
    return true;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    relaysByBackendPort.values().forEach(Relay::close);
    threads.shutdownNow();
  }

  private final class Relay {
    private final Socket client;
    private final Socket server;
    private final AtomicInteger running = new AtomicInteger(2);
    private final AtomicBoolean closedOnce = new AtomicBoolean();

    Relay(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void pump(Socket from, Socket to) {
      byte[] buffer = new byte[BUFFER];
      boolean discarding = false;
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (discarding) {
            continue;
          }
          try {
            out.write(buffer, 0, n);
            out.flush();
          } catch (IOException e) {
            // The receiver stopped reading, for example the server after answering 413 to an
            // oversized body. Closing now would reset the connection before the answer reaches
            // the caller: keep reading and discarding for a while instead (a lingering close).
            discarding = true;
            from.setSoTimeout(LINGER_MILLIS);
          }
        }
        if (!discarding) {
          to.shutdownOutput();
        }
      } catch (IOException e) {
        close();
      } finally {
        if (running.decrementAndGet() == 0) {
          close();
        }
      }
    }

    void reset() {
      try {
        // SO_LINGER 0 turns close() into an abortive close: the peer receives RST, not FIN.
        client.setSoLinger(true, 0);
      } catch (IOException e) {
        // The socket is already gone: closing it is all that is left to do.
      }
      close();
    }

    void close() {
      if (closedOnce.compareAndSet(false, true)) {
        relaysByBackendPort.remove(server.getLocalPort(), this);
        closeQuietly(client);
        closeQuietly(server);
      }
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Nothing useful to do: the connection is being discarded.
    }
  }
}
