package dev.guildhall.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A userspace UDP impairment proxy (what {@code tc qdisc netem} does on a link, without privileges): clients send
 * to {@link #address()}; each client gets its own upstream socket, so the server sees one distinct address per
 * client and its answers find their way back. In each direction independently, every datagram is dropped with
 * probability {@code loss}, else delivered after {@code delay ± jitter} (uniform). Draws come from one seeded
 * {@link Random} per direction, so a run's sequence of losses and delays is reproducible. Reordering happens when
 * jitter exceeds the spacing of packets, as with netem.
 * <p>The impairment can be changed while traffic flows ({@link #impair}); with {@link Impairment#NONE} datagrams
 * still pass through the proxy's timer thread, as delayed ones do, so an unimpaired proxy makes a control path
 * with the same userspace overhead.
 */
public final class UdpImpairmentProxy implements AutoCloseable {

  /** One direction's impairment: a datagram is lost with {@code loss}, else delayed by {@code delay ± jitter}. */
  public record Impairment(Duration delay, Duration jitter, double loss) {
    public static final Impairment NONE = new Impairment(Duration.ZERO, Duration.ZERO, 0);

    public Impairment {
      if (delay.isNegative() || jitter.isNegative() || jitter.compareTo(delay) > 0) {
        throw new IllegalArgumentException("need 0 <= jitter <= delay, got " + delay + " ± " + jitter);
      }
      if (!(loss >= 0 && loss <= 1)) {
        throw new IllegalArgumentException("loss must be 0..1, got " + loss);
      }
    }

    public static Impairment of(long delayMs, long jitterMs, double loss) {
      return new Impairment(Duration.ofMillis(delayMs), Duration.ofMillis(jitterMs), loss);
    }
  }

  private final InetSocketAddress upstream;
  private final DatagramSocket listen;
  private final Map<SocketAddress, Upstream> clients = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private final Direction toServer;
  private final Direction toClient;
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  private UdpImpairmentProxy(InetSocketAddress listenAt, InetSocketAddress upstream, long seed) throws SocketException {
    this.upstream = upstream;
    this.listen = new DatagramSocket(listenAt);
    this.toServer = new Direction(new Random(seed));
    this.toClient = new Direction(new Random(seed * 31 + 17));
    this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "udp-impairment-timer"));
    timer.setRemoveOnCancelPolicy(true);
    daemon(this::fromClients, "udp-impairment-" + listen.getLocalPort()).start();
  }

  /** A proxy on 127.0.0.1 (ephemeral port) in front of {@code upstream}, forwarding unimpaired until {@link #impair}. */
  public static UdpImpairmentProxy start(InetSocketAddress upstream, long seed) {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), upstream, seed);
  }

  /** A proxy listening on {@code listenAt} in front of {@code upstream}, forwarding unimpaired until {@link #impair}. */
  public static UdpImpairmentProxy start(InetSocketAddress listenAt, InetSocketAddress upstream, long seed) {
    try {
      return new UdpImpairmentProxy(listenAt, upstream, seed);
    } catch (SocketException e) {
      throw new UncheckedIOException("cannot open the impairment proxy's socket", e);
    }
  }

  /** Where clients send instead of the upstream server. */
  public InetSocketAddress address() {
    InetAddress local = listen.getLocalAddress();
    return new InetSocketAddress(local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local,
        listen.getLocalPort());
  }

  /**
   * An unimpaired forwarder as its own process (what {@link NetemNamespace} runs inside a namespace):
   * {@code LISTEN_HOST:PORT UPSTREAM_HOST:PORT SEED}; runs until killed.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: UdpImpairmentProxy LISTEN_HOST:PORT UPSTREAM_HOST:PORT SEED");
      System.exit(2);
    }
    start(hostPort(args[0]), hostPort(args[1]), Long.parseLong(args[2]));
    Thread.currentThread().join();
  }

  private static InetSocketAddress hostPort(String text) {
    int colon = text.lastIndexOf(':');
    return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
  }

  /** Impair both directions alike (each draws its own losses and delays). */
  public void impair(Impairment each) {
    impair(each, each);
  }

  public void impair(Impairment clientToServer, Impairment serverToClient) {
    toServer.impairment = clientToServer;
    toClient.impairment = serverToClient;
  }

  /** Datagrams delivered, in both directions. */
  public long forwarded() {
    return forwarded.get();
  }

  /** Datagrams dropped by the loss impairment, in both directions. */
  public long dropped() {
    return dropped.get();
  }

  private void fromClients() {
    byte[] buf = new byte[65_535];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    while (!closed) {
      try {
        packet.setLength(buf.length);
        listen.receive(packet);
        SocketAddress client = packet.getSocketAddress();
        Upstream up = clients.computeIfAbsent(client, Upstream::new);
        toServer.pass(up.socket, Arrays.copyOf(buf, packet.getLength()), upstream);
      } catch (IOException | UncheckedIOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  /** The socket that speaks to the server for one client, and the thread carrying the answers back. */
  private final class Upstream {
    final DatagramSocket socket;

    Upstream(SocketAddress client) {
      try {
        socket = new DatagramSocket(); // any local address: the route to the upstream picks the source
      } catch (SocketException e) {
        throw new UncheckedIOException(e);
      }
      daemon(() -> {
        byte[] buf = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed) {
          try {
            packet.setLength(buf.length);
            socket.receive(packet);
            toClient.pass(listen, Arrays.copyOf(buf, packet.getLength()), client);
          } catch (IOException e) {
            if (closed || socket.isClosed()) {
              return;
            }
          }
        }
      }, "udp-impairment-up-" + client).start();
    }
  }

  private final class Direction {
    private final Random random;
    volatile Impairment impairment = Impairment.NONE;

    Direction(Random random) {
      this.random = random;
    }

    void pass(DatagramSocket out, byte[] data, SocketAddress to) {
      Impairment i = impairment;
      long delayNanos;
      synchronized (this) {
        if (i.loss() > 0 && random.nextDouble() < i.loss()) {
          dropped.incrementAndGet();
          return;
        }
        long jitter = i.jitter().toNanos();
        delayNanos = i.delay().toNanos() + (jitter == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitter));
      }
      // every datagram takes the same thread hop, delayed or not, so an unimpaired proxy is a fair control path
      timer.schedule(() -> send(out, data, to), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
  }

  private void send(DatagramSocket out, byte[] data, SocketAddress to) {
    try {
      out.send(new DatagramPacket(data, data.length, to));
      forwarded.incrementAndGet();
    } catch (IOException e) {
      // the receiver's problem, as on a real link
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    listen.close();
    clients.values().forEach(u -> u.socket.close());
  }
}
