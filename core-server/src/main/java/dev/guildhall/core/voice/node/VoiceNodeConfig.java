package dev.guildhall.core.voice.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration of one voice node: defaults, then an optional properties file, then {@code GUILDHALL_*}
 * environment variables ({@code voice.node.id} → {@code GUILDHALL_VOICE_NODE_ID}), as core-server's.
 *
 * @param id            voice server id, unique in the fleet (the heartbeat key)
 * @param region        region label
 * @param capacity      voice connections it accepts (advertised, core-server places no more; the voice gateway
 *                      refuses more with 4022)
 * @param bindHost      address the UDP, TLS and ops ports bind to
 * @param publicHost    UDP host announced in READY
 * @param gatewayHost   host of the voice gateway endpoint (TLS SNI and certificate name)
 * @param udpPort       UDP relay port (0: ephemeral)
 * @param gatewayPort   voice gateway TLS port (0: ephemeral)
 * @param opsPort       HTTP port of /health, /metrics, /voice/certificate and /voice/disconnect (0: ephemeral)
 * @param heartbeat     interval of heartbeats on {@code guildhall.voice.servers}
 * @param kafkaBootstrap Kafka bootstrap servers
 * @param tokenSecret   HMAC secret shared with core-server
 */
public record VoiceNodeConfig(String id, String region, int capacity, String bindHost, String publicHost,
                              String gatewayHost, int udpPort, int gatewayPort, int opsPort, Duration heartbeat,
                              String kafkaBootstrap, String tokenSecret) {
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("voice.node.id", ""),
            Map.entry("voice.node.region", ""),
            Map.entry("voice.node.capacity", "500"),
            Map.entry("bind.host", "0.0.0.0"),
            Map.entry("public.host", "127.0.0.1"),
            Map.entry("voice.gateway.host", "localhost"),
            Map.entry("voice.udp.port", "50001"),
            Map.entry("voice.gateway.port", "9444"),
            Map.entry("voice.node.ops.port", "9261"),
            Map.entry("voice.node.heartbeat.ms", "1000"),
            Map.entry("kafka.bootstrap", "127.0.0.1:9092"),
            Map.entry("voice.token.secret", ""));

    public VoiceNodeConfig {
        require(!id.isBlank(), "voice.node.id is required");
        require(id.matches("[A-Za-z0-9._-]{1,64}"), "voice.node.id may hold letters, digits, . _ - (≤ 64)");
        require(!region.isBlank(), "voice.node.region is required");
        require(capacity >= 1, "voice.node.capacity must be >= 1");
        require(udpPort >= 0 && udpPort <= 65535, "voice.udp.port must be 0..65535");
        require(gatewayPort >= 0 && gatewayPort <= 65535, "voice.gateway.port must be 0..65535");
        require(opsPort >= 0 && opsPort <= 65535, "voice.node.ops.port must be 0..65535");
        require(heartbeat.toMillis() >= 100, "voice.node.heartbeat.ms must be >= 100");
        require(tokenSecret.length() >= 16, "voice.token.secret needs at least 16 characters (the same as"
                + " core-server's)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid voice node configuration: " + message);
        }
    }

    public static VoiceNodeConfig load(Path file, Map<String, String> env) {
        Map<String, String> v = new HashMap<>(DEFAULTS);
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(k -> v.put(k.trim(), props.getProperty(k).trim()));
        }
        for (String key : DEFAULTS.keySet()) {
            String value = env.get("GUILDHALL_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
            if (value != null && !value.isBlank()) {
                v.put(key, value.trim());
            }
        }
        return fromMap(v);
    }

    public static VoiceNodeConfig fromMap(Map<String, String> given) {
        Map<String, String> v = new HashMap<>(DEFAULTS);
        v.putAll(given);
        return new VoiceNodeConfig(v.get("voice.node.id"), v.get("voice.node.region"),
                integer(v, "voice.node.capacity"), v.get("bind.host"), v.get("public.host"),
                v.get("voice.gateway.host"), integer(v, "voice.udp.port"), integer(v, "voice.gateway.port"),
                integer(v, "voice.node.ops.port"), Duration.ofMillis(integer(v, "voice.node.heartbeat.ms")),
                v.get("kafka.bootstrap"), v.get("voice.token.secret"));
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid voice node configuration: " + key
                    + " must be an integer, got '" + v.get(key) + "'");
        }
    }
}
