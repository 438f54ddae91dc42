package dev.guildhall.core.voice.fleet;

import java.time.Duration;
import java.util.Map;

/**
 * Configuration of voice server selection and failover (keys {@code voice.fleet.*}, {@code voice.token.secret}).
 * Disabled by default: core-server's embedded voice gateway then serves every voice connection.
 *
 * @param enabled       choose among the voice nodes registered on {@code guildhall.voice.servers}
 * @param defaultRegion the client region when the voice channel has no {@code rtc_region}
 * @param latencies     expected RTT between regions
 * @param deadAfter     a node whose latest heartbeat is older than this is dead
 * @param checkInterval how often dead or unhealthy nodes are looked for (and their connections moved)
 * @param tokenSecret   HMAC secret shared with the voice nodes (≥ 16 characters when enabled)
 * @param tokenTtl      how long a signed voice token may be used to IDENTIFY
 */
public record VoiceFleetConfig(boolean enabled, String defaultRegion, RegionLatencies latencies, Duration deadAfter,
                               Duration checkInterval, String tokenSecret, Duration tokenTtl) {
    public static final Map<String, String> DEFAULTS = Map.of(
            "voice.fleet.enabled", "false",
            "voice.fleet.default.region", "eu-west",
            "voice.fleet.region.rtt.ms", RegionLatencies.DEMO,
            "voice.fleet.dead.after.ms", "2500",
            "voice.fleet.check.interval.ms", "200",
            "voice.token.secret", "",
            "voice.token.ttl.ms", "300000");

    public VoiceFleetConfig {
        if (enabled && (tokenSecret == null || tokenSecret.length() < 16)) {
            throw new IllegalArgumentException("invalid core-server configuration: voice.token.secret needs at least"
                    + " 16 characters when voice.fleet.enabled=true");
        }
        if (deadAfter.toMillis() < 100 || checkInterval.toMillis() < 10 || tokenTtl.toMillis() < 1000) {
            throw new IllegalArgumentException("invalid core-server configuration: voice.fleet.dead.after.ms >= 100,"
                    + " voice.fleet.check.interval.ms >= 10, voice.token.ttl.ms >= 1000");
        }
    }

    public static VoiceFleetConfig from(Map<String, String> values) {
        return new VoiceFleetConfig(
                Boolean.parseBoolean(values.getOrDefault("voice.fleet.enabled", "false").trim()),
                values.getOrDefault("voice.fleet.default.region", "eu-west").trim(),
                RegionLatencies.parse(values.getOrDefault("voice.fleet.region.rtt.ms", RegionLatencies.DEMO)),
                millis(values, "voice.fleet.dead.after.ms", "2500"),
                millis(values, "voice.fleet.check.interval.ms", "200"),
                values.getOrDefault("voice.token.secret", ""),
                millis(values, "voice.token.ttl.ms", "300000"));
    }

    private static Duration millis(Map<String, String> values, String key, String fallback) {
        String text = values.getOrDefault(key, fallback).trim();
        try {
            return Duration.ofMillis(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid core-server configuration: " + key
                    + " must be an integer, got '" + text + "'");
        }
    }
}
