package fr.socle.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A clamd stand-in on a free loopback port, speaking {@code INSTREAM} and misbehaving on demand,
 * for the hostile cases a real clamd will not produce.
 */
final class FakeClamd implements AutoCloseable {
  /** What the fake does with one connection. */
  interface Behaviour {
    void serve(Socket socket, FakeClamd fake) throws IOException;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final Behaviour behaviour;
  private final CountDownLatch release = new CountDownLatch(1);
  final List<byte[]> received = new CopyOnWriteArrayList<>();
  final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();

  FakeClamd(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fake-clamd");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t =
            new Thread(
                () -> {
                  try (s) {
                    behaviour.serve(s, this);
                  } catch (IOException ignored) {
                    // The client went away: part of the hostile cases.
                  }
                });
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Reads the command and every chunk up to the terminating zero-length chunk. */
  byte[] readStream(InputStream in) throws IOException {
    readCommand(in);
    DataInputStream data = new DataInputStream(in);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    while (true) {
      int n = data.readInt();
      if (n == 0) {
        break;
      }
      chunkSizes.add(n);
      byte[] chunk = data.readNBytes(n);
      if (chunk.length < n) {
        throw new EOFException();
      }
      all.write(chunk);
    }
    byte[] bytes = all.toByteArray();
    received.add(bytes);
    return bytes;
  }

  static String readCommand(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) > 0) {
      sb.append((char) c);
    }
    if (!sb.toString().equals("zINSTREAM")) {
      throw new IOException("unexpected command " + sb);
    }
    return sb.toString();
  }

  static void answer(Socket s, String reply) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(reply.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Blocks the serving thread until the fake is closed (a peer that stalls). */
  void stall() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The behaviour of a working clamd: OK, or FOUND when the stream contains {@code marker}. */
  static Behaviour detecting(String marker, String threat) {
    return (s, fake) -> {
      byte[] bytes = fake.readStream(s.getInputStream());
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      answer(s, text.contains(marker) ? "stream: " + threat + " FOUND\0" : "stream: OK\0");
    };
  }

  List<byte[]> received() {
    return new ArrayList<>(received);
  }

  @Override
  public void close() throws IOException {
    release.countDown();
    server.close();
  }
}
