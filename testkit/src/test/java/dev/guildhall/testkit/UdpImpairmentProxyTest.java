package dev.guildhall.testkit;

import dev.guildhall.testkit.UdpImpairmentProxy.Impairment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy over real UDP sockets on localhost, in front of an echo server. */
class UdpImpairmentProxyTest {
  private DatagramSocket echo;
  private Thread echoThread;

  @BeforeEach
  void startEcho() throws Exception {
    echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    echoThread = new Thread(() -> {
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
    echoThread.setDaemon(true);
    echoThread.start();
  }

  @AfterEach
  void stopEcho() {
    echo.close();
  }

  /** Sends n numbered datagrams 2 ms apart; returns, per number that came back, its round trip in ms. */
  private static double[] roundTrips(UdpImpairmentProxy proxy, int n) throws Exception {
    double[] rtt = new double[n];
    java.util.Arrays.fill(rtt, Double.NaN);
    long[] sent = new long[n];
    try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      client.setSoTimeout(500);
      Thread rx = new Thread(() -> {
        byte[] buf = new byte[64];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (true) {
          try {
            p.setLength(buf.length);
            client.receive(p);
            int i = ByteBuffer.wrap(buf).getInt();
            rtt[i] = (System.nanoTime() - sent[i]) / 1e6;
          } catch (SocketTimeoutException e) {
            return;
          } catch (Exception e) {
            return;
          }
        }
      });
      rx.start();
      for (int i = 0; i < n; i++) {
        sent[i] = System.nanoTime();
        byte[] data = ByteBuffer.allocate(8).putInt(i).array();
        client.send(new DatagramPacket(data, data.length, proxy.address()));
        Thread.sleep(2);
      }
      rx.join(5000);
    }
    return rtt;
  }

  @Test
  void delaysEachDirectionWithinItsJitterAndLosesTheConfiguredShare() throws Exception {
    try (UdpImpairmentProxy proxy = UdpImpairmentProxy.start((InetSocketAddress) echo.getLocalSocketAddress(), 7)) {
      proxy.impair(Impairment.of(20, 5, 0.1), Impairment.of(10, 0, 0));
      double[] rtt = roundTrips(proxy, 1000);
      List<Double> back = new ArrayList<>();
      for (double r : rtt) {
        if (!Double.isNaN(r)) {
          back.add(r);
        }
      }
      assertThat(back.size()).as("about 10 % lost").isBetween(860, 940);
      assertThat(proxy.dropped()).isEqualTo(1000 - back.size());
      // 20 ± 5 ms there, 10 ms back: 25..35 ms, plus scheduling on a busy machine
      assertThat(back).as("never earlier than the least delay").allSatisfy(r -> assertThat(r).isGreaterThan(24.5));
      // 25..35 ms uniform: median 30; a busy machine's scheduling only ever adds, mostly a little
      double median = back.stream().sorted().toList().get(back.size() / 2);
      assertThat(median).as("median round trip").isBetween(29.0, 34.0);
      long inRange = back.stream().filter(r -> r <= 40.0).count();
      assertThat(inRange).as("most within the jitter").isGreaterThanOrEqualTo(back.size() * 3L / 4);
    }
  }

  @Test
  void theSameSeedLosesTheSamePackets() throws Exception {
    TreeSet<Integer> first = lost(11);
    TreeSet<Integer> second = lost(11);
    assertThat(first).isNotEmpty().isEqualTo(second);
    assertThat(lost(12)).isNotEqualTo(first);
  }

  private TreeSet<Integer> lost(long seed) throws Exception {
    try (UdpImpairmentProxy proxy = UdpImpairmentProxy.start((InetSocketAddress) echo.getLocalSocketAddress(), seed)) {
      proxy.impair(Impairment.of(0, 0, 0.2), Impairment.NONE);
      double[] rtt = roundTrips(proxy, 200);
      TreeSet<Integer> lost = new TreeSet<>();
      for (int i = 0; i < rtt.length; i++) {
        if (Double.isNaN(rtt[i])) {
          lost.add(i);
        }
      }
      return lost;
    }
  }

  @Test
  void unimpairedProxyForwardsEverythingAtOnce() throws Exception {
    try (UdpImpairmentProxy proxy = UdpImpairmentProxy.start((InetSocketAddress) echo.getLocalSocketAddress(), 1)) {
      double[] rtt = roundTrips(proxy, 100);
      assertThat(rtt).doesNotContain(Double.NaN);
      assertThat(proxy.forwarded()).isEqualTo(200);
    }
  }
}
