package dev.guildhall.monitor.slo;

/**
 * What a window and an alert are about: a whole region ({@code voiceServer} null) or one voice server of a region.
 * Travels as the window key {@code region/<region>} or {@code server/<region>/<voice server>} (regions never hold
 * '/', DecodedSample rejects them).
 */
public record Scope(String region, String voiceServer) {

    public static Scope region(String region) {
        return new Scope(region, null);
    }

    public static Scope server(String region, String voiceServer) {
        return new Scope(region, voiceServer);
    }

    public boolean isServer() {
        return voiceServer != null;
    }

    public String key() {
        return voiceServer == null ? "region/" + region : "server/" + region + "/" + voiceServer;
    }

    public static Scope parse(String key) {
        String[] f = key.split("/", 3);
        if (f.length == 2 && f[0].equals("region")) {
            return region(f[1]);
        }
        if (f.length == 3 && f[0].equals("server")) {
            return server(f[1], f[2]);
        }
        throw new IllegalArgumentException("not a scope key: " + key);
    }
}
