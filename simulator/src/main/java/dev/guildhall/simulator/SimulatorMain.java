package dev.guildhall.simulator;

import dev.guildhall.simulator.config.ConfigException;
import dev.guildhall.simulator.config.ConfigLoader;
import dev.guildhall.simulator.config.SimulatorConfig;
import dev.guildhall.simulator.metrics.MetricsServer;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point (docs/runtime-contract.md): {@code java -Xmx384m ... dev.guildhall.simulator.SimulatorMain [--config FILE]}.
 * Exit codes: 2 bad configuration, 3 metrics port unavailable; otherwise it runs until SIGTERM.
 */
public final class SimulatorMain {
    private static final Logger log = LoggerFactory.getLogger(SimulatorMain.class);

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config;
        try {
            config = ConfigLoader.load(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("simulator: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        SimulatorMetrics metrics = new SimulatorMetrics();
        Simulator simulator = new Simulator(config, metrics);
        MetricsServer server;
        try {
            server = new MetricsServer(config.metricsPort(), metrics, simulator::phase, simulator::isRunning);
        } catch (IOException e) {
            System.err.println("simulator: cannot serve /health and /metrics on port " + config.metricsPort() + ": " + e);
            System.exit(3);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("simulator stopping");
            simulator.close();
            server.close();
            stopped.countDown();
        }, "shutdown"));
        log.info("simulator starting core={} users={} guilds={} metrics_port={} state={}", config.coreUrl(),
                config.users(), config.guilds(), server.port(), config.statePath().toAbsolutePath());
        simulator.start();
        stopped.await();
    }
}
