package dev.guildhall.console.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Typed configuration of the console (prefix {@code guildhall.console}; the environment variables of the runtime
 * contract are mapped onto it in application.properties).
 *
 * @param coreUrl        core-server base URL (GUILDHALL_CORE_URL)
 * @param clickhouseUrl  ClickHouse JDBC URL (GUILDHALL_CLICKHOUSE_URL)
 * @param serviceToken   the console's service token (GUILDHALL_CONSOLE_SERVICE_TOKEN), sent to core-server with every
 *                       call so core-server records the console's state changes in its console audit log; core-server
 *                       holds its SHA-256 (GUILDHALL_CONSOLE_TOKEN_SHA256). Empty = calls are not marked. Staff roles
 *                       (SRE, platform admin, trust and safety) come from core-server at sign-in, not from here.
 * @param refreshSeconds how often dashboards re-query (10–15 s is the intended range)
 * @param windowMinutes  how far back dashboards look
 * @param coreTimeout    timeout of one call to core-server
 */
@Validated
@ConfigurationProperties(prefix = "guildhall.console")
public record ConsoleProperties(
        @NotNull URI coreUrl,
        @NotBlank String clickhouseUrl,
        @DefaultValue("") String serviceToken,
        @DefaultValue("10") @Min(1) @Max(3600) int refreshSeconds,
        @DefaultValue("60") @Min(1) @Max(1440) int windowMinutes,
        @DefaultValue("5s") Duration coreTimeout) {

    public Duration refreshInterval() {
        return Duration.ofSeconds(refreshSeconds);
    }

    public Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }

    @Override
    public String toString() {
        return "ConsoleProperties[coreUrl=" + coreUrl + ", clickhouseUrl=" + clickhouseUrl + ", serviceToken="
                + (serviceToken.isEmpty() ? "<unset>" : "<hidden>") + ", refreshSeconds=" + refreshSeconds
                + ", windowMinutes=" + windowMinutes + ", coreTimeout=" + coreTimeout + "]";
    }
}
