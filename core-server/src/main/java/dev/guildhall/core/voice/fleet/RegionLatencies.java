package dev.guildhall.core.voice.fleet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expected round-trip time between a client region and a voice server region, from configuration
 * ({@code voice.fleet.region.rtt.ms}: {@code a/b=80,a/c=140,…}, symmetric). Same region: {@link #SAME_REGION_MS};
 * a pair not listed: {@link #UNKNOWN_PAIR_MS}.
 */
public final class RegionLatencies {
    /** Rough public-internet RTTs between the demo's three regions. */
    public static final String DEMO = "eu-west/us-east=80,eu-west/ap-south=130,us-east/ap-south=210";
    public static final double SAME_REGION_MS = 5;
    public static final double UNKNOWN_PAIR_MS = 250;

    private final Map<String, Double> pairs;

    private RegionLatencies(Map<String, Double> pairs) {
        this.pairs = Map.copyOf(pairs);
    }

    public static RegionLatencies parse(String text) {
        Map<String, Double> pairs = new HashMap<>();
        if (text != null && !text.isBlank()) {
            for (String entry : text.split(",")) {
                String[] kv = entry.trim().split("=", 2);
                String[] ab = kv[0].split("/", 2);
                if (kv.length != 2 || ab.length != 2 || ab[0].isBlank() || ab[1].isBlank()) {
                    throw new IllegalArgumentException("invalid core-server configuration: voice.fleet.region.rtt.ms"
                            + " entries look like eu-west/us-east=80, got '" + entry.trim() + "'");
                }
                double ms;
                try {
                    ms = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid core-server configuration: voice.fleet.region.rtt.ms"
                            + " needs a number of ms in '" + entry.trim() + "'");
                }
                pairs.put(key(ab[0].trim(), ab[1].trim()), ms);
            }
        }
        return new RegionLatencies(pairs);
    }

    /** Every region named in the configured pairs. */
    public Set<String> regions() {
        Set<String> out = new TreeSet<>();
        pairs.keySet().forEach(k -> out.addAll(List.of(k.split("/", 2))));
        return out;
    }

    public double rttMs(String clientRegion, String serverRegion) {
        if (clientRegion.equals(serverRegion)) {
            return SAME_REGION_MS;
        }
        return pairs.getOrDefault(key(clientRegion, serverRegion), UNKNOWN_PAIR_MS);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "/" + b : b + "/" + a;
    }
}
