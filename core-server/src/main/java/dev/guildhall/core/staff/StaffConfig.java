package dev.guildhall.core.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Platform staff settings: the usernames core-server's configuration makes staff (bootstrap: they hold the role
 * from their first sign-in or from start, and it cannot be revoked through the API while they are listed), and the
 * SHA-256 of the admin console's service token.
 *
 * <p>Properties: {@code platform.admin.users} (GUILDHALL_PLATFORM_ADMIN_USERS), and the console's former staff lists
 * under their old names {@code console.admin.users}, {@code console.sre.users}, {@code console.trust.safety.users}
 * (GUILDHALL_CONSOLE_ADMIN_USERS, GUILDHALL_CONSOLE_SRE_USERS, GUILDHALL_CONSOLE_TRUST_SAFETY_USERS), comma lists
 * compared case-insensitively; {@code console.token.sha256} (GUILDHALL_CONSOLE_TOKEN_SHA256: 64 hex digits, empty =
 * no console is recognised, so console requests are not marked).
 *
 * @param bootstrap          lower-cased usernames per role
 * @param consoleTokenSha256 the SHA-256 of the console's token, or null
 */
public record StaffConfig(Map<StaffRole, Set<String>> bootstrap, byte[] consoleTokenSha256) {

    public static final Map<String, String> DEFAULTS = Map.of(
            "platform.admin.users", "",
            "console.admin.users", "",
            "console.sre.users", "",
            "console.trust.safety.users", "",
            "console.token.sha256", "");

    public StaffConfig {
        bootstrap = Map.copyOf(bootstrap);
        if (consoleTokenSha256 != null && consoleTokenSha256.length != 32) {
            throw new IllegalArgumentException("invalid core-server configuration: console.token.sha256 must be 64 hex "
                    + "digits (the SHA-256 of the console's GUILDHALL_CONSOLE_SERVICE_TOKEN)");
        }
    }

    public static StaffConfig from(Map<String, String> v) {
        Map<StaffRole, Set<String>> bootstrap = new EnumMap<>(StaffRole.class);
        bootstrap.put(StaffRole.PLATFORM_ADMIN, union(names(v.get("platform.admin.users")),
                names(v.get("console.admin.users"))));
        bootstrap.put(StaffRole.SRE, names(v.get("console.sre.users")));
        bootstrap.put(StaffRole.TRUST_SAFETY, names(v.get("console.trust.safety.users")));
        String hash = v.getOrDefault("console.token.sha256", "").trim();
        byte[] digest;
        try {
            digest = hash.isEmpty() ? null : HexFormat.of().parseHex(hash.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid core-server configuration: console.token.sha256 must be hex");
        }
        return new StaffConfig(bootstrap, digest);
    }

    /** The roles the configuration gives this username. */
    public Set<StaffRole> configuredRoles(String username) {
        String key = username.toLowerCase(Locale.ROOT);
        return bootstrap.entrySet().stream().filter(e -> e.getValue().contains(key)).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a presented console token is the configured one (constant-time comparison of the hashes). */
    public boolean isConsoleToken(String presented) {
        if (consoleTokenSha256 == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(consoleTokenSha256, sha256(presented));
    }

    public boolean consoleConfigured() {
        return consoleTokenSha256 != null;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> names(String list) {
        if (list == null) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaffConfig s && bootstrap.equals(s.bootstrap)
                && Arrays.equals(consoleTokenSha256, s.consoleTokenSha256);
    }

    @Override
    public int hashCode() {
        return 31 * bootstrap.hashCode() + Arrays.hashCode(consoleTokenSha256);
    }

    @Override
    public String toString() {
        return "StaffConfig[bootstrap=" + bootstrap + ", console token " + (consoleConfigured() ? "set" : "unset") + "]";
    }
}
