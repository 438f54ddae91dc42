package dev.guildhall.testkit;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in service for {@link ServiceProcessIT}: serves GET /health on $PROBE_PORT after $PROBE_DELAY_MS, or
 * exits with code 3 when $PROBE_FAIL is set. Packaged into a fake module jar by the test.
 */
public final class HealthProbeMain {
  private HealthProbeMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("probe starting, timezone=" + System.getProperty("user.timezone"));
    if (System.getenv("PROBE_FAIL") != null) {
      System.out.println("boom: configured to fail");
      System.exit(3);
    }
    Thread.sleep(Long.parseLong(System.getenv().getOrDefault("PROBE_DELAY_MS", "0")));
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(System.getenv("PROBE_PORT"))), 0);
    server.createContext("/health", exchange -> {
      byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    System.out.println("probe healthy");
  }
}
