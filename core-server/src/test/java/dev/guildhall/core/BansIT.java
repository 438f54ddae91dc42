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
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.ModerationAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.guildhall.core.support.GuildFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Guild bans: ban with message deletion, hierarchy, listing, rejoin refused, unban; gateway, audit and Kafka. */
class BansIT {
    private static final int GUILDS = 1;
    private static final int GUILD_MEMBERS = 1 << 1;
    private static final int GUILD_MODERATION = 1 << 2;
    private static final int GUILD_MESSAGES = 1 << 9;

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.MEMBERS, Topics.MODERATION, Topics.MESSAGES);
        server = TestServer.start("core_bans");
        api = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBanRemovesTheMemberDeletesItsRecentMessagesAndBlocksRejoining() throws Exception {
        GuildFixture g = new GuildFixture(server, "banowner", "Ban Guild");
        Account mod = g.member("banmod");
        Account spammer = g.member("spammer");
        String mods = g.role("Banners", Permissions.BAN_MEMBERS);
        g.grant(mod, mods);
        String old = api.sendMessage(spammer.auth(), g.channelId, "old message").str("id");
        g.sql("UPDATE messages SET created_at = now() - interval '2 hours' WHERE id = ?", Long.parseLong(old));
        List<String> recent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recent.add(api.sendMessage(spammer.auth(), g.channelId, "spam " + i).str("id"));
        }
        String bystander = api.sendMessage(g.owner.auth(), g.channelId, "not spam").str("id");

        try (GatewayClient spammerGw = g.gateway(spammer, GUILDS | GUILD_MESSAGES);
             GatewayClient ownerGw = g.gateway(g.owner, GUILDS | GUILD_MEMBERS | GUILD_MODERATION | GUILD_MESSAGES)) {
            // the owner cannot be banned; an equal cannot ban
            assertThat(api.call("PUT", g.guildPath() + "/bans/" + g.owner.userId(), mod.auth(), "{}").body()
                    .get("code").asInt()).isEqualTo(50013);
            Response range = api.call("PUT", g.guildPath() + "/bans/" + spammer.userId(), mod.auth(),
                    "{\"delete_message_seconds\":604801}");
            assertThat(range.body().at("/errors/delete_message_seconds/_errors/0/code").asText())
                    .isEqualTo("NUMBER_TYPE_MAX");

            Response ban = g.withReason("PUT", g.guildPath() + "/bans/" + spammer.userId(), mod.auth(),
                    "{\"delete_message_seconds\":3600}", "spam%20wave");
            assertThat(ban.status()).as(ban.raw()).isEqualTo(204);

            JsonNode banAdd = ownerGw.nextDispatch("GUILD_BAN_ADD", WAIT);
            assertThat(banAdd.at("/d/guild_id").asText()).isEqualTo(g.guildId);
            assertThat(banAdd.at("/d/user/id").asText()).isEqualTo(spammer.userId());
            assertThat(ownerGw.nextDispatch("GUILD_MEMBER_REMOVE", WAIT).at("/d/user/id").asText())
                    .isEqualTo(spammer.userId());
            JsonNode bulk = ownerGw.nextDispatch("MESSAGE_DELETE_BULK", WAIT);
            assertThat(bulk.at("/d/channel_id").asText()).isEqualTo(g.channelId);
            List<String> deleted = new ArrayList<>();
            bulk.at("/d/ids").forEach(id -> deleted.add(id.asText()));
            assertThat(deleted).containsExactlyInAnyOrderElementsOf(recent);
            assertThat(spammerGw.nextDispatch("GUILD_DELETE", WAIT).at("/d/id").asText()).isEqualTo(g.guildId);
        }
        assertThat(api.get("/api/v10/channels/" + g.channelId + "/messages/" + recent.get(0), g.owner.auth())
                .status()).isEqualTo(404);
        assertThat(api.get("/api/v10/channels/" + g.channelId + "/messages/" + old, g.owner.auth()).status())
                .as("older than the window").isEqualTo(200);
        assertThat(api.get("/api/v10/channels/" + g.channelId + "/messages/" + bystander, g.owner.auth()).status())
                .isEqualTo(200);

        Response one = api.get(g.guildPath() + "/bans/" + spammer.userId(), mod.auth());
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.str("reason")).isEqualTo("spam wave");
        assertThat(one.body().at("/user/id").asText()).isEqualTo(spammer.userId());

        // a banned user cannot come back by invite
        Response invite = api.post("/api/v10/channels/" + g.channelId + "/invites", g.owner.auth(), Map.of());
        Response rejoin = api.post("/api/v10/invites/" + invite.str("code"), spammer.auth(), "");
        assertThat(rejoin.status()).isEqualTo(403);
        assertThat(rejoin.body().get("code").asInt()).isEqualTo(40007);

        Response unban = api.call("DELETE", g.guildPath() + "/bans/" + spammer.userId(), mod.auth(), null);
        assertThat(unban.status()).isEqualTo(204);
        Response notBanned = api.get(g.guildPath() + "/bans/" + spammer.userId(), mod.auth());
        assertThat(notBanned.status()).isEqualTo(404);
        assertThat(notBanned.body().get("code").asInt()).isEqualTo(10026);
        assertThat(api.call("DELETE", g.guildPath() + "/bans/" + spammer.userId(), mod.auth(), null).body()
                .get("code").asInt()).isEqualTo(10026);
        assertThat(api.post("/api/v10/invites/" + invite.str("code"), spammer.auth(), "").status()).isEqualTo(200);

        JsonNode audit = api.get(g.guildPath() + "/audit-logs?user_id=" + mod.userId(), g.owner.auth()).body()
                .get("audit_log_entries");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("action_type").asInt()).isEqualTo(23);
        assertThat(audit.get(1).get("action_type").asInt()).isEqualTo(22);
        assertThat(audit.get(1).get("reason").asText()).isEqualTo("spam wave");
        assertThat(audit.get(1).get("target_id").asText()).isEqualTo(spammer.userId());

        List<EventEnvelope> moderation = KafkaEvents.awaitTypes(Topics.MODERATION, g.guildId, "moderation.action",
                "moderation.action");
        assertThat(moderation).extracting(e -> EventCodec.payload(e, ModerationAction.class).action())
                .containsExactly(ModerationAction.BAN, ModerationAction.UNBAN);
        MemberLeft left = EventCodec.payload(KafkaEvents.awaitTypes(Topics.MEMBERS, g.guildId, "member.left").stream()
                .filter(e -> e.type().equals("member.left")).findFirst().orElseThrow(), MemberLeft.class);
        assertThat(left.reason()).isEqualTo(MemberLeft.BANNED);
        List<EventEnvelope> messageEvents = KafkaEvents.awaitTypes(Topics.MESSAGES, g.guildId, "message.deleted",
                "message.deleted", "message.deleted");
        assertThat(messageEvents.stream().filter(e -> e.type().equals("message.deleted"))
                .map(e -> e.payload().get("message_id").asText()).toList()).containsExactlyInAnyOrderElementsOf(recent);
    }

    @Test
    void bansOfNonMembersArePagedByUserId() {
        GuildFixture g = new GuildFixture(server, "pageowner", "Ban Pages");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Account outsider = api.register("banned" + i);
            ids.add(outsider.userId());
            assertThat(api.call("PUT", g.guildPath() + "/bans/" + outsider.userId(), g.owner.auth(), null).status())
                    .isEqualTo(204);
        }
        ids.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        Response all = api.get(g.guildPath() + "/bans", g.owner.auth());
        assertThat(all.body()).hasSize(3);
        assertThat(all.body().get(0).get("reason").isNull()).isTrue();
        Response after = api.get(g.guildPath() + "/bans?after=" + ids.get(0) + "&limit=1", g.owner.auth());
        assertThat(after.body()).hasSize(1);
        assertThat(after.body().get(0).at("/user/id").asText()).isEqualTo(ids.get(1));
        Response before = api.get(g.guildPath() + "/bans?before=" + ids.get(2) + "&limit=1", g.owner.auth());
        assertThat(before.body().get(0).at("/user/id").asText()).isEqualTo(ids.get(1));
        Response unknownUser = api.call("PUT", g.guildPath() + "/bans/12345", g.owner.auth(), null);
        assertThat(unknownUser.body().get("code").asInt()).isEqualTo(10013);
    }
}
