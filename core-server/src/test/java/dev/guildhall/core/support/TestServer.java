package dev.guildhall.core.support;

import dev.guildhall.core.CoreServer;
import dev.guildhall.core.config.ConfigLoader;
import dev.guildhall.core.config.CoreConfig;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.PostgresEngine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Starts core-server in-process on a free port against a fresh PostgreSQL database and the test Kafka. */
public final class TestServer implements AutoCloseable {
    private final Map<String, String> settings;
    private CoreServer server;

    private TestServer(Map<String, String> settings) {
        this.settings = settings;
    }

    /** Fresh database named after the test class; extra settings override the test defaults. */
    public static TestServer start(String dbPrefix, Map<String, String> extra) throws InterruptedException {
        PostgresEngine pg = Engines.postgres();
        Map<String, String> s = new HashMap<>();
        s.put("bind.host", "127.0.0.1");
        s.put("http.port", "0");
        s.put("voice.udp.port", "0");
        s.put("voice.gateway.port", "0");
        s.put("pg.url", pg.createDatabase(dbPrefix));
        s.put("pg.user", pg.user());
        s.put("pg.password", pg.password());
        s.put("pg.pool.size", "6");
        s.put("http.worker.threads", "8");
        s.put("auth.bcrypt.cost", "4");
        s.put("outbox.poll.interval.ms", "100");
        s.put("outbox.max.backoff.ms", "1000");
        // generous rate limits (ITs post in bursts); RateLimitIT passes its own
        s.put("ratelimit.global.limit", "100000");
        s.put("ratelimit.route.default", "100000/1000");
        s.put("ratelimit.routes", "none");
        // AutoMod's classifier and stream-verdict consumer only where a test asks for them (AutoModModelIT)
        s.put("automod.model.enabled", "false");
        s.put("automod.verdicts.enabled", "false");
        if (!extra.containsKey("kafka.bootstrap")) {
            s.put("kafka.bootstrap", Engines.kafka().bootstrapServers());
        }
        s.putAll(extra);
        TestServer t = new TestServer(s);
        t.server = CoreServer.start(t.config());
        return t;
    }

    public static TestServer start(String dbPrefix) throws InterruptedException {
        return start(dbPrefix, Map.of());
    }

    /** The settings this server was started with (e.g. to start a gateway node against its database). */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    public CoreConfig config() {
        return ConfigLoader.fromMap(settings);
    }

    /** Stops this server and starts a new one on the same database with some settings changed. */
    public void restart(Map<String, String> changes) throws InterruptedException {
        server.close();
        settings.putAll(changes);
        server = CoreServer.start(config());
    }

    public CoreServer server() {
        return server;
    }

    public int port() {
        return server.httpPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Runs one SQL statement with long parameters against the server's database; returns the update count. */
    public int sql(String statement, long... args) throws SQLException {
        CoreConfig c = config();
        try (Connection conn = DriverManager.getConnection(c.pgUrl(), c.pgUser(), c.pgPassword());
             PreparedStatement ps = conn.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    public ApiClient client() {
        return new ApiClient(baseUrl());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
