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
        @DefaultValue("10") @Min(1) @Max(3600) int refreshSeconds,
        @DefaultValue("60") @Min(1) @Max(1440) int windowMinutes,
        @DefaultValue("5s") Duration coreTimeout) {

    /** SRE usernames, trimmed, lower-cased, blanks dropped. */
    public Set<String> sreUsernames() {
        return sreUsers.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isSre(String username) {
        return username != null && sreUsernames().contains(username.trim().toLowerCase(Locale.ROOT));
    }

    public Duration refreshInterval() {
        return Duration.ofSeconds(refreshSeconds);
    }

    public Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }
}
