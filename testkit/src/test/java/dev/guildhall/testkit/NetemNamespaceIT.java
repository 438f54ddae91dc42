package dev.guildhall.testkit;

import dev.guildhall.testkit.UdpImpairmentProxy.Impairment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel-level variant of the impairment: a forwarder inside a network namespace, reached over a veth pair,
 * with netem on the namespace's end. Each test runs only where the machine allows it and says why not otherwise.
 */
class NetemNamespaceIT {
  private DatagramSocket echo;

  @BeforeEach
  void startEcho() throws Exception {
    echo = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0));
    Thread t = new Thread(() -> {
      byte[] buf = new byte[2048];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      while (!echo.isClosed()) {
        try {
          p.setLength(buf.length);
          echo.receive(p);
          echo.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
        } catch (Exception e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stopEcho() {
    echo.close();
  }

  private static void requireAvailable(Optional<String> reason, String what) {
    reason.ifPresent(r -> System.out.println("[netns] " + what + " NOT run on this machine: " + r));
    assumeTrue(reason.isEmpty(), () -> what + " unavailable: " + reason.orElse(""));
  }

  /** Round trips (ms) of n datagrams sent through the namespace's forwarder to the echo server; lost ones omitted. */
  private List<Double> roundTrips(NetemNamespace ns, int n) throws Exception {
    List<Double> rtts = new ArrayList<>();
    try (DatagramSocket client = new DatagramSocket()) {
      client.setSoTimeout(3000);
      byte[] buf = new byte[64];
      long deadline = System.currentTimeMillis() + 15_000;
      for (int i = 0; i < n && System.currentTimeMillis() < deadline; i++) {
        long sent = System.nanoTime();
        client.send(new DatagramPacket(new byte[]{(byte) i, 1, 2, 3}, 4, ns.forwarderAddress()));
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          client.receive(p);
          rtts.add((System.nanoTime() - sent) / 1e6);
        } catch (SocketTimeoutException e) {
          // lost, or the forwarder is still starting
        }
      }
    }
    return rtts;
  }

  @Test
  void aForwarderInsideANamespaceCarriesUdpBothWays() throws Exception {
    requireAvailable(NetemNamespace.namespacesUnavailableReason(), "network namespace variant");
    try (NetemNamespace ns = NetemNamespace.start(echo.getLocalPort(), Impairment.NONE, 1)) {
      List<Double> rtts = roundTrips(ns, 20);
      assertThat(rtts.size()).as("echoes through veth + forwarder").isGreaterThanOrEqualTo(15);
    }
  }

  @Test
  void netemDelaysEachDirectionOnce() throws Exception {
    requireAvailable(NetemNamespace.unavailableReason(), "netns + netem variant");
    try (NetemNamespace ns = NetemNamespace.start(echo.getLocalPort(), Impairment.of(20, 0, 0), 1)) {
      List<Double> rtts = roundTrips(ns, 30);
      assertThat(rtts.size()).isGreaterThanOrEqualTo(20);
      double median = rtts.stream().sorted().toList().get(rtts.size() / 2);
      assertThat(median).as("2 x 20 ms").isBetween(39.0, 50.0);
    }
  }
}
