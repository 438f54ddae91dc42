package dev.guildhall.console.browser;

import dev.guildhall.console.support.CoreServerProcess;
import dev.guildhall.console.support.CoreServerProcess.Account;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;
import dev.guildhall.warehouse.Migrator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real stack behind the console for browser tests: testkit's PostgreSQL, ClickHouse and Kafka, core-server as its
 * own JVM, warehouse migrations, and the console's production jar as its own JVM — each launched as the runtime
 * contract says. Browser ITs share one per JVM through {@link SharedConsoleStack}; a test that needs a console of
 * its own (other staff, another ClickHouse) still constructs one.
 */
final class ConsoleStack implements AutoCloseable {

    final ClickHouseEngine clickhouse = Engines.clickhouse();
    final String clickhouseDb;
    final CoreServerProcess core;
    final String consoleUrl;
    /** The password of the staff accounts {@link #staff} registers. */
    static final String STAFF_PASSWORD = "staff-it-pw";
    private final Map<String, String> staff;
    private final Map<String, Account> staffAccounts = new ConcurrentHashMap<>();
    private final ServiceProcess console;

    /**
     * {@code staff}: environment naming staff users (GUILDHALL_CONSOLE_SRE_USERS, GUILDHALL_PLATFORM_ADMIN_USERS, ...),
     * given to core-server (which bootstraps staff roles from it) and to the console.
     */
    ConsoleStack(Map<String, String> staff) {
        this.staff = Map.copyOf(staff);
        clickhouseDb = clickhouse.createDatabase("console_it");
        String clickhouseUrl = clickhouse.jdbcUrl(clickhouseDb);
        new Migrator(clickhouseUrl).migrate();

        CoreServerProcess startedCore = new CoreServerProcess("console_it", staff);
        ServiceProcess startedConsole;
        try {
            core = startedCore;
            int consolePort = FreePorts.next();
            consoleUrl = "http://127.0.0.1:" + consolePort;
            startedConsole = startConsole(consolePort, clickhouseUrl);
        } catch (RuntimeException e) {
            startedCore.close();
            throw e;
        }
        console = startedConsole;
    }

    /** Starts a console jar on the port, pointed at this stack's core-server and the given ClickHouse, healthy. */
    ServiceProcess startConsole(int port, String clickhouseUrl) {
        Map<String, String> env = new LinkedHashMap<>(staff);
        env.put("GUILDHALL_CONSOLE_PORT", Integer.toString(port));
        env.put("GUILDHALL_CORE_URL", core.url);
        env.put("GUILDHALL_CLICKHOUSE_URL", clickhouseUrl);
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers());
        ServiceProcess console = ServiceProcess.startJar("admin-console", "admin-console/target/admin-console.jar",
                "512m", env);
        try {
            console.awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
        return console;
    }

    /**
     * The account of a staff username named in this stack's staff environment, registered with
     * {@link #STAFF_PASSWORD} on first use (so test classes sharing the stack share it).
     */
    Account staff(String username) {
        if (staff.values().stream().noneMatch(users -> List.of(users.split(",")).contains(username))) {
            throw new IllegalArgumentException(username + " is not staff in this stack: " + staff);
        }
        return staffAccounts.computeIfAbsent(username, u -> core.register(u, STAFF_PASSWORD));
    }

    /** Runs SQL in the test's ClickHouse database. */
    String sql(String statement) {
        return clickhouse.query(clickhouseDb, statement);
    }

    String consoleLogTail() {
        return console.logTail(80);
    }

    @Override
    public void close() {
        try {
            console.close();
        } finally {
            core.close();
        }
    }
}
