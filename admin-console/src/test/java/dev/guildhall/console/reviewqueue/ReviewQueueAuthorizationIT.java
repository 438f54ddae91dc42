package dev.guildhall.console.reviewqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Every review-queue read and action of {@link ReviewQueueService} × console role × guild scope, against a real
 * core-server whose AutoMod flags real messages: refusals must come from the console's own check
 * ({@link GuildAccessDeniedException}) before core-server is asked and change nothing; allowed actions must be
 * resolved in core-server by the acting user with the reason.
 */
class ReviewQueueAuthorizationIT {

    private static final String PASSWORD = "queue-authz-pw";
    private static final long MODERATOR_PERMS = GuildPermissions.MODERATE_MEMBERS | GuildPermissions.KICK_MEMBERS
            | GuildPermissions.BAN_MEMBERS;

    /** What can be asked of the console about one guild's queue. */
    enum Op { OPEN, CHANNELS, LIST, DETAIL, CLAIM, APPROVE, REMOVE, TIMEOUT, KICK, BAN, BULK_REMOVE }

    private static ConsoleUsers fixture;
    private static CoreServerProcess core;
    private static ReviewQueueService queue;
    private static Account ownerA;
    private static Account ownerB;
    private static long guildA;
    private static long guildB;
    private static Map<String, ConsoleUser> USERS;

    @BeforeAll
    static void start() {
        fixture = new ConsoleUsers("console_queue_authz", PASSWORD, ConsoleUsers.staff("qsre", "qadmin", "qtns"));
        core = fixture.core;
        ownerA = fixture.register("qownera");
        ownerB = fixture.register("qownerb");
        guildA = core.createGuild(ownerA, "Queue Alpha");
        guildB = core.createGuild(ownerB, "Queue Beta");
        flagRule(ownerA, guildA);
        flagRule(ownerB, guildB);
        core.grant(ownerA, guildA, joined("qmod"), "Moderators", MODERATOR_PERMS);
        core.grant(ownerA, guildA, joined("qmsgmod"), "Message moderators", GuildPermissions.MANAGE_MESSAGES);
        core.grant(ownerA, guildA, joined("qkicker"), "Kickers", GuildPermissions.KICK_MEMBERS
                | GuildPermissions.BAN_MEMBERS);
        joined("qmember");
        joined("qtns");
        fixture.register("qsre");
        fixture.register("qadmin");

        CoreServerClient client = fixture.client("jdbc:clickhouse://127.0.0.1:1/x", "");
        queue = new ReviewQueueService(new GuildScope(client), client);
        fixture.signIn(client, List.of("qownera", "qownerb", "qmod", "qmsgmod", "qkicker", "qmember", "qtns", "qsre",
                "qadmin"));
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

    private static void flagRule(Account owner, long guild) {
        core.post("/guilds/" + guild + "/auto-moderation/rules", owner.token(), Map.of("name", "Queue",
                "event_type", 1, "trigger_type", 1, "enabled", true,
                "trigger_metadata", Map.of("keyword_filter", List.of("flagme")),
                "actions", List.of(Map.of("type", 100))));
    }

    /** A fresh member of the guild posts a flagged message; returns the item id. */
    static long flaggedItem(long guild) {
        Account owner = guild == guildA ? ownerA : ownerB;
        Account author = core.register("qa" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L),
                PASSWORD);
        core.join(owner, guild, author);
        long channel = core.channelId(owner.token(), guild, "general");
        core.post("/channels/" + channel + "/messages", author.token(), Map.of("content", "please flagme"));
        JsonNode list = core.get("/guilds/" + guild + "/auto-moderation/queue?author_id=" + author.id(),
                owner.token());
        return Long.parseLong(list.at("/items/0/id").asText());
    }

    private static JsonNode item(long guild, long itemId) {
        return core.get("/guilds/" + guild + "/auto-moderation/queue/" + itemId,
                (guild == guildA ? ownerA : ownerB).token());
    }

    @Test
    void everyOperationByEveryRoleInEveryGuildScope() {
        Set<Op> all = EnumSet.allOf(Op.class);
        Set<Op> messagesOnly = EnumSet.of(Op.OPEN, Op.CHANNELS, Op.LIST, Op.DETAIL, Op.CLAIM, Op.APPROVE, Op.REMOVE,
                Op.BULK_REMOVE);
        Map<String, Map<Long, Set<Op>>> allowed = new LinkedHashMap<>();
        allowed.put("qownera", Map.of(guildA, all, guildB, Set.of()));
        allowed.put("qownerb", Map.of(guildA, Set.of(), guildB, all));
        allowed.put("qmod", Map.of(guildA, all, guildB, Set.of()));
        allowed.put("qmsgmod", Map.of(guildA, messagesOnly, guildB, Set.of()));
        // kick and ban without MANAGE_MESSAGES / MODERATE_MEMBERS: not a moderator, so no queue
        allowed.put("qkicker", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("qmember", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("qtns", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("qsre", Map.of(guildA, Set.of(), guildB, Set.of()));
        allowed.put("qadmin", Map.of(guildA, Set.of(), guildB, Set.of()));

        // refused operations act on these items: they must stay pending and unclaimed
        Map<Long, Long> untouched = Map.of(guildA, flaggedItem(guildA), guildB, flaggedItem(guildB));
        List<String> failures = GuildScopeMatrix.failures(USERS, allowed, List.of(guildA, guildB), Op.class,
                (op, user, guild, expectAllowed) -> run(op, user, guild,
                        expectAllowed ? flaggedItem(guild) : untouched.get(guild)));
        for (long guild : List.of(guildA, guildB)) {
            JsonNode kept = item(guild, untouched.get(guild));
            if (!kept.path("status").asText().equals("pending") || !kept.path("claim").isNull()) {
                failures.add("a refused operation changed item " + kept);
            }
        }
        fixture.failIfAny(failures);
    }

    private static void run(Op op, ConsoleUser user, long guild, long itemId) {
        String reason = op + " by " + user.getName();
        switch (op) {
            case OPEN -> assertThat(queue.guild(user, guild).id()).isEqualTo(guild);
            case CHANNELS -> assertThat(queue.channels(user, guild)).containsValue("general");
            case LIST -> assertThat(queue.page(user, guild, QueueFilter.pendingNewest(), 0, 10).total()).isPositive();
            case DETAIL -> assertThat(queue.detail(user, guild, itemId).item().id()).isEqualTo(itemId);
            case CLAIM -> {
                queue.claim(user, guild, itemId);
                assertThat(item(guild, itemId).at("/claim/user_id").asText()).isEqualTo(Long.toString(user.userId()));
            }
            case APPROVE, REMOVE, TIMEOUT, KICK, BAN -> {
                QueueAction action = QueueAction.valueOf(op.name());
                queue.resolve(user, guild, itemId, action, reason, Duration.ofMinutes(10));
                assertResolved(guild, itemId, action, user, reason);
            }
            case BULK_REMOVE -> {
                List<BulkResult> results = queue.resolveAll(user, guild, List.of(itemId), QueueAction.REMOVE, reason,
                        null);
                assertThat(results).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
                assertResolved(guild, itemId, QueueAction.REMOVE, user, reason);
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    /** core-server recorded the decision, by this user, with the reason. */
    private static void assertResolved(long guild, long itemId, QueueAction action, ConsoleUser user, String reason) {
        JsonNode done = item(guild, itemId);
        assertThat(done.at("/resolution/action").asText()).as(done.toString()).isEqualTo(action.wireName);
        assertThat(done.at("/resolution/user_id").asText()).isEqualTo(Long.toString(user.userId()));
        assertThat(done.at("/resolution/reason").asText()).isEqualTo(reason);
    }

    @Test
    void anotherModeratorsClaimIsRefusedByCoreServerAndReachesTheConsole() {
        long itemId = flaggedItem(guildA);
        queue.claim(USERS.get("qmod"), guildA, itemId);
        assertThatThrownBy(() -> queue.resolve(USERS.get("qmsgmod"), guildA, itemId, QueueAction.REMOVE, "mine",
                null)).isInstanceOfSatisfying(CoreRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("Review queue item is claimed by another moderator");
                });
        assertThat(queue.page(USERS.get("qmsgmod"), guildA, QueueFilter.pendingNewest(), 0, 100).items())
                .filteredOn(i -> i.id() == itemId).singleElement()
                .satisfies(i -> assertThat(i.claimedBy()).isEqualTo(USERS.get("qmod").userId()));
        assertThatThrownBy(() -> queue.resolve(USERS.get("qmod"), guildA, itemId, QueueAction.TIMEOUT, "x",
                Duration.ofDays(29))).isInstanceOf(IllegalArgumentException.class);
    }
}
