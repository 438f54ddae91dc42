package dev.guildhall.console.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.support.ConsoleUsers;
import dev.guildhall.console.support.CoreServerProcess;
import dev.guildhall.console.support.CoreServerProcess.Account;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/**
 * Every platform-admin action of {@link PlatformAdminService} × console role, against a real core-server: users sign
 * in through the real authentication provider (staff roles come from core-server, bootstrapped from its
 * configuration); everyone but platform admins is refused by the console before core-server is asked, and refused
 * changes leave core-server's staff roles as they were. core-server checks again (a console session that claims a
 * role core-server does not know is refused there), and the console's calls carry its service token, so core-server
 * records them in the console audit log. Which roles open the views is {@code ViewAccessTest}.
 */
class PlatformAdminAuthorizationIT {

    private static final String PASSWORD = "platform-authz-pw";
    private static final String SERVICE_TOKEN = "console-platform-authz-token";

    enum Op { FIND_USERS, FIND_GUILDS, STAFF, GRANT, REVOKE, AUDIT_LOG }

    private static ConsoleUsers fixture;
    private static CoreServerProcess core;
    private static CoreServerClient client;
    private static PlatformAdminService admin;
    private static String suffix;
    private static Account owner;
    private static Account target;
    private static long guild;
    private static Map<String, ConsoleUser> USERS;

    @BeforeAll
    static void start() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(SERVICE_TOKEN.getBytes(StandardCharsets.UTF_8)));
        fixture = new ConsoleUsers("console_platform_authz", PASSWORD, s -> Map.of(
                "GUILDHALL_PLATFORM_ADMIN_USERS", "padmin" + s,
                "GUILDHALL_CONSOLE_SRE_USERS", "sre" + s,
                "GUILDHALL_CONSOLE_TRUST_SAFETY_USERS", "tns" + s,
                "GUILDHALL_CONSOLE_TOKEN_SHA256", hash));
        core = fixture.core;
        suffix = fixture.suffix;
        owner = fixture.register("owner");
        guild = core.createGuild(owner, "Platform Guild " + suffix);
        Account mod = fixture.joined(owner, guild, "mod");
        core.grant(owner, guild, mod, "Moderators", GuildPermissions.MANAGE_MESSAGES);
        for (String name : List.of("member", "sre", "tns", "padmin")) {
            fixture.register(name);
        }
        target = fixture.joined(owner, guild, "target");

        client = fixture.client("jdbc:clickhouse://127.0.0.1:1/x", SERVICE_TOKEN);
        admin = new PlatformAdminService(client);
        fixture.signIn(client, List.of("owner", "mod", "member", "sre", "tns", "padmin"));
        USERS = fixture.users();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static List<String> targetRoles() {
        return admin.findUsers(USERS.get("padmin"), target.username()).get(0).staffRoles();
    }

    @Test
    void staffRolesAtSignInComeFromCoreServer() {
        Map<String, Set<String>> expected = Map.of(
                "owner", Set.of(ConsoleRole.OWNER, ConsoleRole.MODERATOR),
                "mod", Set.of(ConsoleRole.MODERATOR),
                "member", Set.of(),
                "sre", Set.of(ConsoleRole.SRE),
                "tns", Set.of(ConsoleRole.TRUST_SAFETY),
                "padmin", Set.of(ConsoleRole.PLATFORM_ADMIN));
        assertThat(expected.keySet()).isEqualTo(USERS.keySet());
        USERS.forEach((name, user) -> assertThat(user.roles()).as(name).isEqualTo(expected.get(name)));
    }

    @Test
    void everyActionByEveryConsoleRole() {
        List<String> failures = new ArrayList<>();
        for (var user : USERS.entrySet()) {
            boolean allowed = user.getKey().equals("padmin");
            for (Op op : Op.values()) {
                String cell = user.getKey() + " × " + op;
                try {
                    run(user.getValue(), op);
                    if (!allowed) {
                        failures.add(cell + ": allowed, expected refusal");
                    }
                } catch (AccessDeniedException e) {
                    if (allowed) {
                        failures.add(cell + ": refused (" + e.getMessage() + "), expected allowed");
                    }
                }
            }
            assertThat(targetRoles()).as("after " + user.getKey() + "'s attempts").isEmpty();
        }
        assertThat(failures).isEmpty();
    }

    /** Runs one action; grants are revoked again so each row starts from the same state. */
    private static void run(ConsoleUser user, Op op) {
        switch (op) {
            case FIND_USERS -> assertThat(admin.findUsers(user, "target" + suffix)).hasSize(1);
            case FIND_GUILDS -> assertThat(admin.findGuilds(user, "Platform Guild " + suffix)).hasSize(1);
            case STAFF -> assertThat(admin.staff(user)).isNotEmpty();
            case GRANT -> {
                admin.grant(user, target.id(), ConsoleRole.SRE, "matrix grant");
                assertThat(targetRoles()).containsExactly(ConsoleRole.SRE);
                admin.revoke(USERS.get("padmin"), target.id(), ConsoleRole.SRE, "matrix cleanup");
            }
            case REVOKE -> {
                admin.grant(USERS.get("padmin"), target.id(), ConsoleRole.TRUST_SAFETY, "matrix setup");
                try {
                    admin.revoke(user, target.id(), ConsoleRole.TRUST_SAFETY, "matrix revoke");
                    assertThat(targetRoles()).isEmpty();
                } finally {
                    admin.revoke(USERS.get("padmin"), target.id(), ConsoleRole.TRUST_SAFETY, "matrix cleanup");
                }
            }
            case AUDIT_LOG -> assertThat(admin.auditLog(user, null, null, null).entries()).isNotEmpty();
        }
    }

    @Test
    void coreServerChecksAgainWhatTheConsoleSessionClaims() {
        Account member = new Account("member" + suffix, USERS.get("member").userId(), USERS.get("member").token());
        ConsoleUser claimed = new ConsoleUser(member.username(), member.id(), member.token(),
                Set.of(ConsoleRole.PLATFORM_ADMIN));
        assertThatThrownBy(() -> admin.grant(claimed, target.id(), ConsoleRole.SRE, "I say so"))
                .isInstanceOfSatisfying(CoreRefusedException.class, e -> assertThat(e.code()).isEqualTo(50013));
        assertThatThrownBy(() -> admin.findUsers(claimed, "")).isInstanceOf(CoreRefusedException.class);
        assertThat(targetRoles()).isEmpty();
        assertThatThrownBy(() -> admin.grant(USERS.get("padmin"), target.id(), ConsoleRole.SRE, "  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void theConsolesCallsAreInTheConsoleAuditLogWithActorTargetStatusAndReason() {
        ConsoleUser padmin = USERS.get("padmin");
        Account kicked = fixture.joined(owner, guild, "kicked");
        client.kick(USERS.get("owner").token(), guild, kicked.id(), "spamming invites");
        admin.grant(padmin, kicked.id(), ConsoleRole.SRE, "night shift");

        ConsoleAuditEntry kick = admin.auditLog(padmin, "owner" + suffix, null, null).entries().get(0);
        assertThat(kick.action()).isEqualTo("DELETE /guilds/{guild_id}/members/{user_id}");
        assertThat(kick.guildId()).isEqualTo(guild);
        assertThat(kick.target()).isEqualTo("user " + kicked.id());
        assertThat(kick.status()).isEqualTo(204);
        assertThat(kick.reason()).isEqualTo("spamming invites");
        assertThat(kick.viaConsole()).isTrue();

        ConsoleAuditEntry grant = admin.auditLog(padmin, null, "staff_role.grant", null).entries().get(0);
        assertThat(grant.actor()).isEqualTo("padmin" + suffix);
        assertThat(grant.target()).isEqualTo("user " + kicked.id());
        assertThat(grant.detail()).isEqualTo(ConsoleRole.SRE);
        assertThat(grant.reason()).isEqualTo("night shift");
        assertThat(grant.viaConsole()).isTrue();
        assertThat(admin.staff(padmin)).anySatisfy(g -> {
            assertThat(g.username()).isEqualTo("kicked" + suffix);
            assertThat(g.grantedBy()).isEqualTo("padmin" + suffix);
        });
    }
}
