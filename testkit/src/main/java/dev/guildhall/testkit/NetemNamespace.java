package dev.guildhall.testkit;

import dev.guildhall.testkit.UdpImpairmentProxy.Impairment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kernel-level impairment where the machine allows it: a network namespace joined to the host by a veth pair
 * ({@code host 10.213.N.1/30 <-> namespace 10.213.N.2/30}), {@code tc qdisc netem} (delay ± jitter, loss) on the
 * namespace's end, and a UDP forwarder ({@link UdpImpairmentProxy#main}, unimpaired) running inside the namespace.
 * Clients on the host send to {@link #forwarderAddress()}; the forwarder relays to the upstream server on the host
 * side of the veth, so every datagram leaves the namespace once per direction and netem impairs each direction
 * once. Needs root (CAP_NET_ADMIN), {@code ip}, and the {@code sch_netem} qdisc: {@link #unavailableReason} says
 * which is missing.
 */
public final class NetemNamespace implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  /** [0]: why namespaces and veth pairs do not work, [1]: why netem does not (empty = works) */
  private static List<Optional<String>> probed;

  private final String name;
  private final String hostVeth;
  private final String hostIp;
  private final String namespaceIp;
  private final Process forwarder;
  private final int forwarderPort;

  private NetemNamespace(String name, String hostVeth, String hostIp, String namespaceIp, Process forwarder,
                         int forwarderPort) {
    this.name = name;
    this.hostVeth = hostVeth;
    this.hostIp = hostIp;
    this.namespaceIp = namespaceIp;
    this.forwarder = forwarder;
    this.forwarderPort = forwarderPort;
  }

  /** Empty if namespaces, veth pairs and netem all work here; else why not (checked once per JVM). */
  public static Optional<String> unavailableReason() {
    List<Optional<String>> p = probed();
    return p.get(0).isPresent() ? p.get(0) : p.get(1);
  }

  /** Empty if namespaces and veth pairs work here (an unimpaired {@link #start} is possible); else why not. */
  public static Optional<String> namespacesUnavailableReason() {
    return probed().get(0);
  }

  private static synchronized List<Optional<String>> probed() {
    if (probed == null) {
      Optional<String> netem = Optional.empty();
      Optional<String> namespaces = probe();
      if (namespaces.isPresent() && namespaces.get().startsWith(NO_NETEM)) {
        netem = namespaces;
        namespaces = Optional.empty();
      }
      probed = List.of(namespaces, netem);
    }
    return probed;
  }

  private static final String NO_NETEM = "tc netem is not available";

  private static Optional<String> probe() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("not Linux");
    }
    String ns = "ghprobe" + ProcessHandle.current().pid();
    String veth = "ghpv" + ProcessHandle.current().pid() % 100_000;
    try {
      Result r = run("ip", "netns", "add", ns);
      if (!r.ok()) {
        return Optional.of("`ip netns add` failed: " + r.output());
      }
      r = run("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "n", "netns", ns);
      if (!r.ok()) {
        return Optional.of("cannot create a veth pair: " + r.output());
      }
      r = run("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", veth + "n", "root", "netem", "delay", "1ms");
      if (!r.ok()) {
        return Optional.of(NO_NETEM + " (kernel module sch_netem): " + r.output());
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot run `ip`/`tc`: " + e.getMessage());
    } finally {
      quietly("ip", "link", "del", veth);
      quietly("ip", "netns", "del", ns);
    }
  }

  /**
   * A namespace whose veth end impairs every datagram leaving it with {@code impairment} ({@link Impairment#NONE}:
   * no netem), and a forwarder in it to {@code upstream} (a port on the host: reached at the veth's host address).
   *
   * @throws IllegalStateException if what this needs is unavailable ({@link #unavailableReason},
   *                               {@link #namespacesUnavailableReason}) or a step fails
   */
  public static NetemNamespace start(int upstreamPort, Impairment impairment, long seed) {
    boolean impaired = !impairment.equals(Impairment.NONE);
    (impaired ? unavailableReason() : namespacesUnavailableReason()).ifPresent(reason -> {
      throw new IllegalStateException("netns" + (impaired ? " + netem" : "") + " unavailable: " + reason);
    });
    int n = COUNTER.incrementAndGet() % 250 + 1;
    String name = "gh" + ProcessHandle.current().pid() + "n" + n;
    String veth = "ghv" + ProcessHandle.current().pid() % 10_000 + "n" + n;
    String hostIp = "10.213." + n + ".1";
    String nsIp = "10.213." + n + ".2";
    try {
      check(run("ip", "netns", "add", name));
      check(run("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", name));
      check(run("ip", "addr", "add", hostIp + "/30", "dev", veth));
      check(run("ip", "link", "set", veth, "up"));
      check(run("ip", "netns", "exec", name, "ip", "addr", "add", nsIp + "/30", "dev", "eth0"));
      check(run("ip", "netns", "exec", name, "ip", "link", "set", "eth0", "up"));
      check(run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"));
      List<String> tc = new ArrayList<>(List.of("ip", "netns", "exec", name, "tc", "qdisc", "add", "dev", "eth0",
          "root", "netem", "delay", impairment.delay().toMillis() + "ms"));
      if (!impairment.jitter().isZero()) {
        tc.add(impairment.jitter().toMillis() + "ms"); // no distribution table: uniform, like the proxy
      }
      if (impairment.loss() > 0) {
        tc.addAll(List.of("loss", (impairment.loss() * 100) + "%"));
      }
      if (impaired) {
        check(run(tc.toArray(String[]::new)));
      }
      int port = 40_000 + n;
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process forwarder = new ProcessBuilder("ip", "netns", "exec", name, java, "-Xmx64m", "-Duser.timezone=UTC",
          "-cp", System.getProperty("java.class.path"), UdpImpairmentProxy.class.getName(),
          nsIp + ":" + port, hostIp + ":" + upstreamPort, String.valueOf(seed))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return new NetemNamespace(name, veth, hostIp, nsIp, forwarder, port);
    } catch (IOException | RuntimeException e) {
      quietly("ip", "link", "del", veth);
      quietly("ip", "netns", "del", name);
      throw new IllegalStateException("cannot set up namespace " + name + ": " + e.getMessage(), e);
    }
  }

  /** Removes the netem qdisc: from now on datagrams pass unimpaired. */
  public void clearImpairment() {
    try {
      check(run("ip", "netns", "exec", name, "tc", "qdisc", "del", "dev", "eth0", "root"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot clear netem in " + name + ": " + e.getMessage(), e);
    }
  }

  /** Where host clients send: the forwarder inside the namespace. */
  public InetSocketAddress forwarderAddress() {
    return new InetSocketAddress(namespaceIp, forwarderPort);
  }

  /** The host's address on the veth (the upstream as the namespace reaches it). */
  public String hostAddress() {
    return hostIp;
  }

  @Override
  public void close() {
    forwarder.destroy();
    try {
      forwarder.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forwarder.destroyForcibly();
    quietly("ip", "link", "del", hostVeth);
    quietly("ip", "netns", "del", name);
  }

  private record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private static Result run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, String.join(" ", command) + ": timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(-1, "interrupted");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
  }

  private static void check(Result r) {
    if (!r.ok()) {
      throw new IllegalStateException(r.output());
    }
  }

  private static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException ignored) {
      // cleanup of something that may not exist
    }
  }
}
