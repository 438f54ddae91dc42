package dev.guildhall.console.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.console.support.ConsoleUsers;
import dev.guildhall.console.support.CoreServerProcess;
import dev.guildhall.console.support.CoreServerProcess.Account;
import dev.guildhall.console.support.GuildScopeMatrix;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every moderation read and action of {@link ModerationService} (and the owners' guild scope) × console role ×
 * guild scope, against a real core-server: users sign in through the real authentication provider, so their console
 * roles come from core-server's guild list and the staff lists; refusals must come from the console's own check
 * ({@link GuildAccessDeniedException}) before core-server is asked, and allowed actions must land in core-server's
 * audit log with their reason.
 */
class ModerationAuthorizationIT {

    private static final String PASSWORD = "authz-it-pw";
    private static final long MODERATOR_PERMS = GuildPermissions.MODERATE_MEMBERS | GuildPermissions.KICK_MEMBERS
            | GuildPermissions.BAN_MEMBERS | GuildPermissions.VIEW_AUDIT_LOG;

    /** What can be asked of the console about one guild. */
    enum Op { OPEN_MODERATION, OPEN_INSIGHTS, AUDIT_LOG, FIND_MEMBERS, TIMEOUT, KICK, BAN }

    private static ConsoleUsers fixture;
    private static CoreServerProcess core;
    private static ModerationService moderation;
    private static GuildScope scope;
    private static Account ownerA;
    private static Account ownerB;
    private static long guildA;
    private static long guildB;
    private static Account bystanderB;
    /** Signed-in console users by short name. */
    private static Map<String, ConsoleUser> USERS;

    @BeforeAll
    static void start() {
        fixture = new ConsoleUsers("console_authz", PASSWORD, ConsoleUsers.staff("sre", "admin", "tns"));
        core = fixture.core;
        ownerA = fixture.register("ownera");
        ownerB = fixture.register("ownerb");
        guildA = core.createGuild(ownerA, "Alpha");
        guildB = core.createGuild(ownerB, "Beta");
        Account mod = joined("mod");
        core.grant(ownerA, guildA, mod, "Moderators", MODERATOR_PERMS);
        Account msgMod = joined("msgmod");
        core.grant(ownerA, guildA, msgMod, "Message moderators", GuildPermissions.MANAGE_MESSAGES);
        Account kicker = joined("kicker");
        core.grant(ownerA, guildA, kicker, "Kickers", GuildPermissions.KICK_MEMBERS | GuildPermissions.VIEW_AUDIT_LOG);
        joined("member");
        joined("tns");
        fixture.register("sre");
        fixture.register("admin");
        bystanderB = fixture.joined(ownerB, guildB, "bystanderb");

        CoreServerClient client = fixture.client("jdbc:clickhouse://127.0.0.1:1/x", "");
        scope = new GuildScope(client);
        moderation = new ModerationService(scope, client);
        fixture.signIn(client, List.of("ownera", "ownerb", "mod", "msgmod", "kicker", "member", "tns", "sre",
                "admin"));
        USERS = fixture.users();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Account joined(String name) {
        return fixture.joined(ownerA, guildA, name);
    }

    @Test
    void consoleRolesComeFromCoreServerAndTheStaffLists() {
        Map<String, Set<String>> expected = Map.of(
                "ownera", Set.of(ConsoleRole.OWNER, ConsoleRole.MODERATOR),
                "ownerb", Set.of(ConsoleRole.OWNER, ConsoleRole.MODERATOR),
                "mod", Set.of(ConsoleRole.MODERATOR),
                "msgmod", Set.of(ConsoleRole.MODERATOR),
                "kicker", Set.of(),
                "member", Set.of(),
                "tns", Set.of(ConsoleRole.TRUST_SAFETY),
                "sre", Set.of(ConsoleRole.SRE),
                "admin", Set.of(ConsoleRole.PLATFORM_ADMIN));
        assertThat(expected.keySet()).isEqualTo(USERS.keySet());
        USERS.forEach((name, user) -> assertThat(user.roles()).as(name).isEqualTo(expected.get(name)));
        assertThat(moderation.guilds(USERS.get("mod"))).extracting(g -> g.id()).containsExactly(guildA);
        assertThat(moderation.guilds(USERS.get("msgmod"))).extracting(g -> g.id()).containsExactly(guildA);
        assertThat(moderation.guilds(USERS.get("ownerb"))).extracting(g -> g.id()).containsExactly(guildB);
        for (String name : List.of("kicker", "member", "tns", "sre", "admin")) {
            assertThat(moderation.guilds(USERS.get(name))).as(name).isEmpty();
        }
    }

    @Test
    void everyOperationByEveryRoleInEveryGuildScope() {
        Set<Op> all = EnumSet.allOf(Op.class);
        Set<Op> moderator = EnumSet.of(Op.OPEN_MODERATION, Op.AUDIT_LOG, Op.FIND_MEMBERS, Op.TIMEOUT, Op.KICK, Op.BAN);
        // user → guild → allowed operations (everything else must be refused by the console)
        Map<String, Map<Long, Set<Op>>> allowed = new LinkedHashMap<>();
        allowed.put("ownera", Map.of(guildA, all, guildB, Set.of()));
        allowed.put("ownerb", Map.of(guildA, Set.of(), guildB, all));
        allowed.put("mod", Map.of(guildA, moderator, guildB, Set.of()));
        allowed.put("msgmod", Map.of(guildA, EnumSet.of(Op.OPEN_MODERATION, Op.FIND_MEMBERS), guildB, Set.of()));
        // KICK_MEMBERS and VIEW_AUDIT_LOG without MANAGE_MESSAGES / MODERATE_MEMBERS: not a moderator here
        allowed.put("kicker", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("member", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("tns", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("sre", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("admin", Map.of(guildA, Set.of(), guildB, Set.of()));
        fixture.failIfAny(GuildScopeMatrix.failures(USERS, allowed, List.of(guildA, guildB), Op.class,
                ModerationAuthorizationIT::run));
    }

    /** Runs one operation; mutating ones act on a fresh member of the guild (or an existing one when refused). */
    private static void run(Op op, ConsoleUser user, long guild, boolean expectAllowed) {
        long target = expectAllowed ? freshMember(guild).id() : (guild == guildA ? memberOfA() : bystanderB.id());
        String reason = op + " by " + user.getName();
        switch (op) {
            case OPEN_MODERATION -> assertThat(moderation.guild(user, guild).id()).isEqualTo(guild);
            case OPEN_INSIGHTS -> assertThat(scope.requireOwned(user, guild).id()).isEqualTo(guild);
            case AUDIT_LOG -> assertThat(moderation.auditLog(user, guild, AuditLogQuery.newest()).entries())
                    .isNotNull();
            case FIND_MEMBERS -> assertThat(moderation.findMembers(user, guild, "")).isNotEmpty();
            case TIMEOUT -> {
                moderation.timeout(user, guild, target, Duration.ofMinutes(10), reason);
                assertLogged(guild, AuditAction.MEMBER_UPDATE, target, reason);
            }
            case KICK -> {
                moderation.kick(user, guild, target, reason);
                assertLogged(guild, AuditAction.MEMBER_KICK, target, reason);
            }
            case BAN -> {
                moderation.ban(user, guild, target, reason);
                assertLogged(guild, AuditAction.MEMBER_BAN_ADD, target, reason);
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    private static Account freshMember(long guild) {
        Account target = core.register("t" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L),
                PASSWORD);
        core.join(guild == guildA ? ownerA : ownerB, guild, target);
        return target;
    }

    private static long memberOfA() {
        return USERS.get("member").userId();
    }

    /** core-server's own audit log (read as the guild's owner) has the action on the target with the reason. */
    private static void assertLogged(long guild, AuditAction action, long target, String reason) {
        JsonNode log = core.get("/guilds/" + guild + "/audit-logs?action_type=" + action.type()
                + "&limit=100", (guild == guildA ? ownerA : ownerB).token());
        boolean found = false;
        for (JsonNode e : log.path("audit_log_entries")) {
            found |= e.path("target_id").asText().equals(Long.toString(target))
                    && reason.equals(e.path("reason").asText());
        }
        assertThat(found).as(action + " on " + target + " with reason '" + reason + "' in " + log).isTrue();
    }

    @Test
    void refusedActionsChangeNothingInCoreServer() {
        Account target = freshMember(guildA);
        for (String name : List.of("msgmod", "kicker", "member", "tns", "admin", "ownerb")) {
            ConsoleUser user = USERS.get(name);
            assertThatThrownBy(() -> moderation.timeout(user, guildA, target.id(), Duration.ofMinutes(5), "x"))
                    .as(name).isInstanceOf(GuildAccessDeniedException.class);
            assertThatThrownBy(() -> moderation.kick(user, guildA, target.id(), "x"))
                    .as(name).isInstanceOf(GuildAccessDeniedException.class);
            assertThatThrownBy(() -> moderation.ban(user, guildA, target.id(), "x"))
                    .as(name).isInstanceOf(GuildAccessDeniedException.class);
        }
        JsonNode member = core.get("/guilds/" + guildA + "/members/" + target.id(), ownerA.token());
        assertThat(member.path("communication_disabled_until").isNull()).isTrue();
        assertThat(core.status("/guilds/" + guildA + "/bans/" + target.id(), ownerA.token())).isEqualTo(404);
    }

    @Test
    void coreServerStillDecidesOnTheTargetAndItsRefusalReachesTheConsole() {
        // a moderator may not time out the guild's owner: core-server answers 50013
        assertThatThrownBy(() -> moderation.timeout(USERS.get("mod"), guildA, ownerA.id(), Duration.ofMinutes(1),
                "nope"))
                .isInstanceOfSatisfying(CoreRefusedException.class, e -> assertThat(e.code()).isEqualTo(50013));
    }

    @Test
    void auditLogFiltersByActionAndUserPagesWithBeforeAndKeepsTheReason() {
        ConsoleUser mod = USERS.get("mod");
        Account first = freshMember(guildA);
        Account second = freshMember(guildA);
        String reason = "spam links – 2nd warning / 100% sure";
        moderation.timeout(mod, guildA, first.id(), Duration.ofMinutes(5), reason);
        moderation.timeout(mod, guildA, second.id(), Duration.ofHours(1), "flooding");
        moderation.kick(USERS.get("ownera"), guildA, freshMember(guildA).id(), "owner kick");

        AuditLogPage updates = moderation.auditLog(mod, guildA,
                new AuditLogQuery(AuditAction.MEMBER_UPDATE.type(), mod.userId(), null, 50));
        assertThat(updates.entries()).isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.actionType()).isEqualTo(AuditAction.MEMBER_UPDATE.type());
                    assertThat(e.actor()).isEqualTo(mod.getName());
                });
        AuditLogEntry newest = updates.entries().get(0);
        assertThat(newest.target()).isEqualTo(second.username());
        assertThat(newest.reason()).isEqualTo("flooding");
        assertThat(newest.changes()).startsWith("communication_disabled_until: — → ");
        assertThat(updates.entries().get(1).reason()).isEqualTo(reason);

        AuditLogPage one = moderation.auditLog(mod, guildA,
                new AuditLogQuery(AuditAction.MEMBER_UPDATE.type(), mod.userId(), null, 1));
        assertThat(one.entries()).extracting(AuditLogEntry::id).containsExactly(newest.id());
        assertThat(one.mayHaveOlder()).isTrue();
        AuditLogPage next = moderation.auditLog(mod, guildA,
                new AuditLogQuery(AuditAction.MEMBER_UPDATE.type(), mod.userId(), one.oldestId(), 1));
        assertThat(next.entries()).extracting(AuditLogEntry::reason).containsExactly(reason);

        AuditLogPage kicks = moderation.auditLog(mod, guildA,
                new AuditLogQuery(AuditAction.MEMBER_KICK.type(), USERS.get("ownera").userId(), null, 50));
        assertThat(kicks.entries()).extracting(AuditLogEntry::reason).contains("owner kick");
        assertThat(kicks.entries()).extracting(AuditLogEntry::action).containsOnly("Member kicked");

        List<MemberMatch> found = moderation.findMembers(mod, guildA, first.username());
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.userId()).isEqualTo(first.id());
            assertThat(m.timedOutUntil()).isNotNull();
        });
    }
}
