package dev.guildhall.core.staff;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Staff bootstrap lists, the console token check, and the audit target of a route. */
class StaffConfigTest {

    @Test
    void bootstrapListsAreTrimmedCaseInsensitiveAndTheConsolesAdminListMakesPlatformAdmins() {
        StaffConfig config = StaffConfig.from(Map.of(
                "platform.admin.users", " Root , ,",
                "console.admin.users", "legacy-admin",
                "console.sre.users", "SRE,oncall",
                "console.trust.safety.users", ""));
        assertThat(config.configuredRoles("root")).containsExactly(StaffRole.PLATFORM_ADMIN);
        assertThat(config.configuredRoles("LEGACY-ADMIN")).containsExactly(StaffRole.PLATFORM_ADMIN);
        assertThat(config.configuredRoles("sre")).containsExactly(StaffRole.SRE);
        assertThat(config.configuredRoles("nobody")).isEmpty();
        assertThat(config.consoleConfigured()).isFalse();
        assertThat(config.isConsoleToken("anything")).isFalse();
    }

    @Test
    void theConsoleTokenIsCheckedAgainstItsHashOnly() {
        String hash = HexFormat.of().formatHex(StaffConfig.sha256("s3cret-console-token"));
        StaffConfig config = StaffConfig.from(Map.of("console.token.sha256", hash.toUpperCase()));
        assertThat(config.isConsoleToken("s3cret-console-token")).isTrue();
        assertThat(config.isConsoleToken("s3cret-console-token ")).isFalse();
        assertThat(config.isConsoleToken(null)).isFalse();
        assertThat(config.toString()).doesNotContain(hash).contains("set");
        assertThatThrownBy(() -> StaffConfig.from(Map.of("console.token.sha256", "abcd")))
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> StaffConfig.from(Map.of("console.token.sha256", "zz".repeat(32))))
                .hasMessageContaining("hex");
    }

    @Test
    void theAuditTargetIsTheRoutesLastParameterOtherThanTheGuild() {
        assertThat(ConsoleAuditHandler.lastParam("/guilds/{guild_id}/bans/{user_id}")).isEqualTo("user_id");
        assertThat(ConsoleAuditHandler.lastParam("/channels/{channel_id}/messages/{message_id}"))
                .isEqualTo("message_id");
        assertThat(ConsoleAuditHandler.lastParam("/guilds/{guild_id}")).isNull();
        assertThat(ConsoleAuditHandler.lastParam("/guilds")).isNull();
    }
}
