package dev.guildhall.core;

import dev.guildhall.core.config.ConfigLoader;
import dev.guildhall.core.config.CoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * core-server entry point: {@code CoreServerMain [--config FILE]}; environment variables override the file
 * (see docs/runtime-contract.md); {@code node.role=gateway} starts a {@link GatewayNodeServer} instead. Stops
 * gracefully on SIGTERM/SIGINT.
 */
public final class CoreServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(CoreServerMain.class);

    private CoreServerMain() {
    }

    public static void main(String[] args) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                configFile = Path.of(args[i].substring("--config=".length()));
            } else {
                System.err.println("usage: CoreServerMain [--config FILE]");
                System.exit(2);
            }
        }
        AutoCloseable server;
        try {
            CoreConfig config = ConfigLoader.load(configFile);
            server = config.gatewayNodes().gatewayNode() ? GatewayNodeServer.start(config) : CoreServer.start(config);
        } catch (Exception e) {
            LOG.error("event=core_server_start_failed error={}", e.toString(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("event=core_server_stop_failed error={}", e.toString());
            }
            stopped.countDown();
        }, "core-server-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
