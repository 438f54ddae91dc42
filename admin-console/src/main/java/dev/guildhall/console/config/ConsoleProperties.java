package dev.guildhall.console.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Typed configuration of the console (prefix {@code guildhall.console}; the environment variables of the runtime
 * contract are mapped onto it in application.properties).
 *
 * @param coreUrl        core-server base URL (GUILDHALL_CORE_URL)
 * @param clickhouseUrl  ClickHouse JDBC URL (GUILDHALL_CLICKHOUSE_URL)
 * @param sreUsers       usernames with the SRE console role (GUILDHALL_CONSOLE_SRE_USERS, comma list)
 * @param adminUsers     usernames with the platform-admin console role (GUILDHALL_CONSOLE_ADMIN_USERS, comma list)
 * @param trustSafetyUsers usernames with the trust-and-safety console role
 *                       (GUILDHALL_CONSOLE_TRUST_SAFETY_USERS, comma list)
 * @param refreshSeconds how often dashboards re-query (10–15 s is the intended range)
 * @param windowMinutes  how far back dashboards look
 * @param coreTimeout    timeout of one call to core-server
 */
@Validated
@ConfigurationProperties(prefix = "guildhall.console")
public record ConsoleProperties(
        @NotNull URI coreUrl,
        @NotBlank String clickhouseUrl,
        @DefaultValue List<String> sreUsers,
        @DefaultValue List<String> adminUsers,
        @DefaultValue List<String> trustSafetyUsers,
        @DefaultValue("10") @Min(1) @Max(3600) int refreshSeconds,
        @DefaultValue("60") @Min(1) @Max(1440) int windowMinutes,
        @DefaultValue("5s") Duration coreTimeout) {

    public boolean isSre(String username) {
        return listed(sreUsers, username);
    }

    public boolean isPlatformAdmin(String username) {
        return listed(adminUsers, username);
    }

    public boolean isTrustSafety(String username) {
        return listed(trustSafetyUsers, username);
    }

    /** Staff lists are compared trimmed and case-insensitively; blank entries are ignored. */
    private static boolean listed(List<String> usernames, String username) {
        if (username == null) {
            return false;
        }
        Set<String> names = usernames.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return names.contains(username.trim().toLowerCase(Locale.ROOT));
    }

    public Duration refreshInterval() {
        return Duration.ofSeconds(refreshSeconds);
    }

    public Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }
}
