package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MemberJoined;
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.MemberUpdated;
import dev.guildhall.events.payload.ModerationAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.guildhall.core.support.GuildFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guild members over REST: listing, search, nick / roles / timeout changes with the hierarchy, kicks and leaving,
 * with the gateway (GUILD_MEMBER_UPDATE/REMOVE, GUILD_DELETE to the removed user), audit log and Kafka events.
 */
class MembersIT {
    private static final int GUILDS = 1;
    private static final int GUILD_MEMBERS = 1 << 1;
    private static final int GUILD_MESSAGES = 1 << 9;

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.MEMBERS, Topics.MODERATION);
        server = TestServer.start("core_members");
        api = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static EventEnvelope find(List<EventEnvelope> events, String type, String userField, String userId) {
        return events.stream().filter(e -> e.type().equals(type) && e.payload().path(userField).asText()
                .equals(userId)).findFirst().orElseThrow(() -> new AssertionError(type + " for " + userId
                + " in " + events));
    }

    @Test
    void membersArePagedByUserIdSearchedByNamePrefixAndJoinsReachKafka() {
        GuildFixture g = new GuildFixture(server, "listowner", "List Guild");
        List<Account> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(g.member("lister" + i));
        }
        Response first = api.get(g.guildPath() + "/members?limit=2", g.owner.auth());
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body()).hasSize(2);
        String lastId = first.body().get(1).at("/user/id").asText();
        assertThat(Long.parseLong(first.body().get(0).at("/user/id").asText())).isLessThan(Long.parseLong(lastId));
        Response rest = api.get(g.guildPath() + "/members?limit=1000&after=" + lastId, members.get(0).auth());
        assertThat(rest.body()).hasSize(2);
        JsonNode m = rest.body().get(0);
        assertThat(m.get("roles").isArray()).isTrue();
        assertThat(m.has("joined_at")).isTrue();
        assertThat(m.get("communication_disabled_until").isNull()).isTrue();
        assertThat(api.get(g.guildPath() + "/members", g.owner.auth()).body()).as("default limit 1").hasSize(1);
        Response badLimit = api.get(g.guildPath() + "/members?limit=1001", g.owner.auth());
        assertThat(badLimit.body().at("/errors/limit/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_MAX");

        Response search = api.get(g.guildPath() + "/members/search?query=LISTER&limit=10", g.owner.auth());
        assertThat(search.status()).as(search.raw()).isEqualTo(200);
        assertThat(search.body()).hasSize(3);
        Response one = api.get(g.guildPath() + "/members/search?query=" + members.get(1).username(), g.owner.auth());
        assertThat(one.body()).hasSize(1);
        assertThat(one.body().get(0).at("/user/id").asText()).isEqualTo(members.get(1).userId());
        Response noQuery = api.get(g.guildPath() + "/members/search", g.owner.auth());
        assertThat(noQuery.body().at("/errors/query/_errors/0/code").asText()).isEqualTo("BASE_TYPE_REQUIRED");

        List<EventEnvelope> joins = KafkaEvents.awaitTypes(Topics.MEMBERS, g.guildId, "member.joined",
                "member.joined", "member.joined");
        MemberJoined joined = EventCodec.payload(find(joins, "member.joined", "user_id", members.get(2).userId()),
                MemberJoined.class);
        assertThat(joined.bot()).isFalse();
        assertThat(joined.inviteCode()).isNotBlank();
    }

    @Test
    void nickRolesAndTimeoutChangesAreDispatchedAuditedAndPublished() throws Exception {
        GuildFixture g = new GuildFixture(server, "modowner", "Moderation Guild");
        Account target = g.member("modtarget");
        Account admin = g.member("modadmin");
        String helper = g.role("Helper", 0);
        String admins = g.role("Admins", Permissions.ADMINISTRATOR);
        g.grant(admin, admins);
        String memberPath = g.guildPath() + "/members/" + target.userId();
        try (GatewayClient gw = g.gateway(g.owner, GUILDS | GUILD_MEMBERS)) {
            Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            Response patched = g.withReason("PATCH", memberPath, g.owner.auth(), "{\"nick\":\"Tgt\",\"roles\":[\""
                    + helper + "\"],\"communication_disabled_until\":\"" + until + "\"}", "cool%20down");
            assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
            assertThat(patched.str("nick")).isEqualTo("Tgt");
            assertThat(patched.body().get("roles").get(0).asText()).isEqualTo(helper);
            assertThat(Instant.parse(patched.str("communication_disabled_until"))).isEqualTo(until);

            JsonNode update = gw.nextDispatch("GUILD_MEMBER_UPDATE", WAIT);
            assertThat(update).isNotNull();
            assertThat(update.at("/d/guild_id").asText()).isEqualTo(g.guildId);
            assertThat(update.at("/d/user/id").asText()).isEqualTo(target.userId());
            assertThat(update.at("/d/nick").asText()).isEqualTo("Tgt");
            assertThat(update.at("/d/roles/0").asText()).isEqualTo(helper);
            assertThat(update.at("/d/communication_disabled_until").asText()).isNotEmpty();

            // a role removed with DELETE .../roles/{id} is another update
            assertThat(api.call("DELETE", memberPath + "/roles/" + helper, g.owner.auth(), null).status())
                    .isEqualTo(204);
            JsonNode removed = gw.nextDispatch("GUILD_MEMBER_UPDATE", WAIT);
            assertThat(removed.at("/d/roles").size()).isZero();
        }

        // timeouts: at most 28 days; never the owner or an administrator
        String tooFar = Instant.now().plus(29, ChronoUnit.DAYS).toString();
        Response far = api.call("PATCH", memberPath, g.owner.auth(),
                "{\"communication_disabled_until\":\"" + tooFar + "\"}");
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.body().get("code").asInt()).isEqualTo(50035);
        assertThat(far.body().at("/errors/communication_disabled_until").isMissingNode()).isFalse();
        String soon = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
        Response onAdmin = api.call("PATCH", g.guildPath() + "/members/" + admin.userId(), g.owner.auth(),
                "{\"communication_disabled_until\":\"" + soon + "\"}");
        assertThat(onAdmin.status()).isEqualTo(403);
        assertThat(onAdmin.body().get("code").asInt()).isEqualTo(50013);
        Response onOwner = api.call("PATCH", g.guildPath() + "/members/" + g.owner.userId(), admin.auth(),
                "{\"communication_disabled_until\":\"" + soon + "\"}");
        assertThat(onOwner.body().get("code").asInt()).isEqualTo(50013);
        // lifting the timeout
        Response lifted = api.call("PATCH", memberPath, g.owner.auth(), "{\"communication_disabled_until\":null}");
        assertThat(lifted.body().get("communication_disabled_until").isNull()).isTrue();

        // the member's own nick with CHANGE_NICKNAME, and without it
        Response own = api.call("PATCH", g.guildPath() + "/members/@me", target.auth(), "{\"nick\":\"Me\"}");
        assertThat(own.status()).as(own.raw()).isEqualTo(200);
        assertThat(own.str("nick")).isEqualTo("Me");
        g.sql("UPDATE roles SET permissions = ? WHERE id = ?",
                Permissions.DEFAULT_EVERYONE & ~Permissions.CHANGE_NICKNAME, Long.parseLong(g.guildId));
        Response ownDenied = api.call("PATCH", g.guildPath() + "/members/@me", target.auth(), "{\"nick\":\"No\"}");
        assertThat(ownDenied.body().get("code").asInt()).isEqualTo(50013);

        JsonNode audit = api.get(g.guildPath() + "/audit-logs?user_id=" + g.owner.userId(), g.owner.auth()).body();
        String entries = audit.get("audit_log_entries").toString();
        assertThat(entries).contains("\"action_type\":24", "\"key\":\"nick\"", "\"key\":\"communication_disabled_until\"",
                "\"action_type\":25", "\"key\":\"$add\"", "\"key\":\"$remove\"", "\"reason\":\"cool down\"");

        List<EventEnvelope> updates = KafkaEvents.awaitTypes(Topics.MEMBERS, g.guildId, "member.updated",
                "member.updated", "member.updated", "member.updated");
        MemberUpdated first = EventCodec.payload(find(updates, "member.updated", "user_id", target.userId()),
                MemberUpdated.class);
        assertThat(first.changed()).contains("nick", "roles", "communication_disabled_until");
        assertThat(first.actorId()).isEqualTo(g.owner.userId());
        List<EventEnvelope> moderation = KafkaEvents.awaitTypes(Topics.MODERATION, g.guildId, "moderation.action",
                "moderation.action");
        ModerationAction timeout = EventCodec.payload(moderation.get(0), ModerationAction.class);
        assertThat(timeout.action()).isEqualTo(ModerationAction.TIMEOUT);
        assertThat(timeout.reason()).isEqualTo("cool down");
        assertThat(timeout.targetId()).isEqualTo(target.userId());
        assertThat(EventCodec.payload(moderation.get(1), ModerationAction.class).action())
                .isEqualTo(ModerationAction.TIMEOUT_REMOVED);
    }

    @Test
    void aKickedMemberLeavesTheGuildOnItsGatewayAndStopsReceivingItsEvents() throws Exception {
        GuildFixture g = new GuildFixture(server, "kickowner", "Kick Guild");
        Account mod = g.member("kickmod");
        Account peer = g.member("kickpeer");
        Account victim = g.member("kickvictim");
        String mods = g.role("Kickers", Permissions.KICK_MEMBERS);
        g.grant(mod, mods);
        g.grant(peer, mods);
        try (GatewayClient victimGw = g.gateway(victim, GUILDS | GUILD_MEMBERS | GUILD_MESSAGES);
             GatewayClient ownerGw = g.gateway(g.owner, GUILDS | GUILD_MEMBERS)) {
            // hierarchy: not the owner, not an equal
            assertThat(api.call("DELETE", g.guildPath() + "/members/" + g.owner.userId(), mod.auth(), null)
                    .body().get("code").asInt()).isEqualTo(50013);
            assertThat(api.call("DELETE", g.guildPath() + "/members/" + peer.userId(), mod.auth(), null)
                    .body().get("code").asInt()).isEqualTo(50013);
            assertThat(api.call("DELETE", g.guildPath() + "/members/" + mod.userId(), victim.auth(), null)
                    .body().get("code").asInt()).isEqualTo(50013);

            Response kick = g.withReason("DELETE", g.guildPath() + "/members/" + victim.userId(), mod.auth(), null,
                    "spamming%20links");
            assertThat(kick.status()).as(kick.raw()).isEqualTo(204);
            JsonNode gone = victimGw.nextDispatch("GUILD_DELETE", WAIT);
            assertThat(gone).isNotNull();
            assertThat(gone.at("/d/id").asText()).isEqualTo(g.guildId);
            assertThat(gone.at("/d").has("unavailable")).as("removed, not an outage").isFalse();
            JsonNode removed = ownerGw.nextDispatch("GUILD_MEMBER_REMOVE", WAIT);
            assertThat(removed.at("/d/guild_id").asText()).isEqualTo(g.guildId);
            assertThat(removed.at("/d/user/id").asText()).isEqualTo(victim.userId());

            // the guild's events no longer reach the kicked member's session
            api.sendMessage(g.owner.auth(), g.channelId, "after the kick");
            assertThat(victimGw.nextDispatch("MESSAGE_CREATE", Duration.ofSeconds(2))).isNull();
            Response again = api.call("DELETE", g.guildPath() + "/members/" + victim.userId(), mod.auth(), null);
            assertThat(again.body().get("code").asInt()).isEqualTo(10007);
            assertThat(api.get(g.guildPath(), victim.auth()).body().get("code").asInt()).isEqualTo(50001);
        }
        JsonNode audit = api.get(g.guildPath() + "/audit-logs?action_type=20", g.owner.auth()).body();
        JsonNode entry = audit.get("audit_log_entries").get(0);
        assertThat(entry.get("target_id").asText()).isEqualTo(victim.userId());
        assertThat(entry.get("user_id").asText()).isEqualTo(mod.userId());
        assertThat(entry.get("reason").asText()).isEqualTo("spamming links");
        List<String> users = new ArrayList<>();
        audit.get("users").forEach(u -> users.add(u.get("id").asText()));
        assertThat(users).contains(mod.userId(), victim.userId());

        MemberLeft left = EventCodec.payload(find(KafkaEvents.awaitTypes(Topics.MEMBERS, g.guildId, "member.left"),
                "member.left", "user_id", victim.userId()), MemberLeft.class);
        assertThat(left.reason()).isEqualTo(MemberLeft.KICKED);
        assertThat(left.actorId()).isEqualTo(mod.userId());
        ModerationAction kick = EventCodec.payload(KafkaEvents.awaitTypes(Topics.MODERATION, g.guildId,
                "moderation.action").get(0), ModerationAction.class);
        assertThat(kick.action()).isEqualTo(ModerationAction.KICK);
        assertThat(kick.actorId()).isEqualTo(mod.userId());
        assertThat(kick.targetId()).isEqualTo(victim.userId());
        assertThat(kick.reason()).isEqualTo("spamming links");
    }

    @Test
    void membersLeaveButTheOwnerCannot() throws Exception {
        GuildFixture g = new GuildFixture(server, "leaveowner", "Leave Guild");
        Account leaver = g.member("leaver");
        try (GatewayClient gw = g.gateway(leaver, GUILDS)) {
            Response leave = api.call("DELETE", "/api/v10/users/@me/guilds/" + g.guildId, leaver.auth(), null);
            assertThat(leave.status()).as(leave.raw()).isEqualTo(204);
            assertThat(gw.nextDispatch("GUILD_DELETE", WAIT).at("/d/id").asText()).isEqualTo(g.guildId);
        }
        Response twice = api.call("DELETE", "/api/v10/users/@me/guilds/" + g.guildId, leaver.auth(), null);
        assertThat(twice.status()).isEqualTo(404);
        assertThat(twice.body().get("code").asInt()).isEqualTo(10004);
        Response owner = api.call("DELETE", "/api/v10/users/@me/guilds/" + g.guildId, g.owner.auth(), null);
        assertThat(owner.status()).isEqualTo(400);
        assertThat(owner.body().get("code").asInt()).isEqualTo(50055);
        assertThat(api.get("/api/v10/users/@me/guilds", leaver.auth()).body()).isEmpty();
        MemberLeft left = EventCodec.payload(find(KafkaEvents.awaitTypes(Topics.MEMBERS, g.guildId, "member.joined",
                "member.left"), "member.left", "user_id", leaver.userId()), MemberLeft.class);
        assertThat(left.reason()).isEqualTo(MemberLeft.LEFT);
        assertThat(api.get(g.guildPath() + "/members?limit=10", g.owner.auth()).body()).hasSize(1);
    }
}
