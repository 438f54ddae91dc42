package dev.guildhall.core.config;

import dev.guildhall.core.automod.AutoModConfig;
import dev.guildhall.core.gateway.GatewayNodeConfig;
import dev.guildhall.core.http.BodyLimits;
import dev.guildhall.core.staff.StaffConfig;
import dev.guildhall.core.ratelimit.RateLimitConfig;
import dev.guildhall.core.voice.fleet.VoiceFleetConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Loads {@link CoreConfig}: defaults, then an optional properties file, then environment variables.
 * Every property key {@code a.b.c} can be overridden by the variable {@code GUILDHALL_A_B_C}; the runtime
 * contract's names ({@code GUILDHALL_HTTP_PORT}, {@code GUILDHALL_PG_URL}, {@code GUILDHALL_KAFKA_BOOTSTRAP}, ...)
 * follow that rule.
 */
public final class ConfigLoader {
    private static final Map<String, String> CORE_DEFAULTS = Map.ofEntries(
            Map.entry("bind.host", "0.0.0.0"),
            Map.entry("http.port", "8090"),
            Map.entry("public.host", "127.0.0.1"),
            Map.entry("pg.url", "jdbc:postgresql://127.0.0.1:5432/guildhall"),
            Map.entry("pg.user", "guildhall"),
            Map.entry("pg.password", "guildhall"),
            Map.entry("pg.pool.size", "10"),
            Map.entry("kafka.bootstrap", "127.0.0.1:9092"),
            Map.entry("voice.udp.port", "50000"),
            Map.entry("voice.region", "local"),
            Map.entry("voice.server.id", "voice-local-1"),
            Map.entry("voice.gateway.port", "9443"),
            Map.entry("voice.gateway.host", "localhost"),
            Map.entry("node.worker.id", "1"),
            Map.entry("node.process.id", "0"),
            Map.entry("http.worker.threads", "16"),
            Map.entry("http.max.body.bytes", String.valueOf(BodyLimits.DEFAULT_JSON)),
            Map.entry("http.max.multipart.bytes", String.valueOf(BodyLimits.DEFAULT_MULTIPART)),
            Map.entry("http.request.timeout.ms", "30000"),
            Map.entry("http.idle.timeout.ms", "120000"),
            Map.entry("gateway.heartbeat.interval.ms", "41250"),
            Map.entry("auth.bcrypt.cost", "10"),
            Map.entry("outbox.poll.interval.ms", "250"),
            Map.entry("outbox.max.backoff.ms", "5000"),
            Map.entry("outbox.batch.size", "200"),
            Map.entry("outbox.sent.retention.ms", "3600000"),
            Map.entry("gateway.resume.buffer.events", "1000"),
            Map.entry("gateway.resume.timeout.ms", "180000"));
    private static final Map<String, String> DEFAULTS = withRateLimitDefaults();

    private ConfigLoader() {
    }

    private static Map<String, String> withRateLimitDefaults() {
        Map<String, String> all = new HashMap<>(CORE_DEFAULTS);
        all.putAll(RateLimitConfig.DEFAULTS);
        all.putAll(VoiceFleetConfig.DEFAULTS);
        all.putAll(AutoModConfig.DEFAULTS);
        all.putAll(GatewayNodeConfig.DEFAULTS);
        all.putAll(StaffConfig.DEFAULTS);
        return Map.copyOf(all);
    }

    /** Defaults + file (may be null) + the process environment. */
    public static CoreConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static CoreConfig load(Path file, Map<String, String> env) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(k -> values.put(k.trim(), props.getProperty(k).trim()));
        }
        for (String key : DEFAULTS.keySet()) {
            String envName = envName(key);
            String v = env.get(envName);
            if (v != null && !v.isBlank()) {
                values.put(key, v.trim());
            }
        }
        return fromMap(values);
    }

    /** {@code pg.pool.size} → {@code GUILDHALL_PG_POOL_SIZE}. */
    public static String envName(String key) {
        return "GUILDHALL_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Builds a config from explicit values (missing keys take defaults); used by tests too. */
    public static CoreConfig fromMap(Map<String, String> given) {
        Map<String, String> v = new HashMap<>(DEFAULTS);
        v.putAll(given);
        return new CoreConfig(
                v.get("bind.host"),
                integer(v, "http.port"),
                v.get("public.host"),
                v.get("pg.url"),
                v.get("pg.user"),
                v.get("pg.password"),
                integer(v, "pg.pool.size"),
                v.get("kafka.bootstrap"),
                integer(v, "voice.udp.port"),
                v.get("voice.region"),
                v.get("voice.server.id"),
                integer(v, "voice.gateway.port"),
                v.get("voice.gateway.host"),
                integer(v, "node.worker.id"),
                integer(v, "node.process.id"),
                integer(v, "http.worker.threads"),
                new BodyLimits(integer(v, "http.max.body.bytes"), integer(v, "http.max.multipart.bytes")),
                millis(v, "http.request.timeout.ms"),
                millis(v, "http.idle.timeout.ms"),
                millis(v, "gateway.heartbeat.interval.ms"),
                integer(v, "auth.bcrypt.cost"),
                millis(v, "outbox.poll.interval.ms"),
                millis(v, "outbox.max.backoff.ms"),
                integer(v, "outbox.batch.size"),
                millis(v, "outbox.sent.retention.ms"),
                integer(v, "gateway.resume.buffer.events"),
                millis(v, "gateway.resume.timeout.ms"),
                RateLimitConfig.from(v),
                VoiceFleetConfig.from(v),
                AutoModConfig.from(v),
                GatewayNodeConfig.from(v),

                StaffConfig.from(v));
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid core-server configuration: " + key + " must be an integer, got '"
                    + v.get(key) + "'");
        }
    }

    private static Duration millis(Map<String, String> v, String key) {
        return Duration.ofMillis(integer(v, key));
    }
}
