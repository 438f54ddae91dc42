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
import dev.guildhall.events.payload.GuildUpdated;
import dev.guildhall.events.payload.InviteCreated;
import dev.guildhall.events.payload.InviteDeleted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.guildhall.core.support.GuildFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Guild settings and deletion, invite management and the audit log over REST, the gateway and Kafka. */
class GuildAdminIT {
    private static final int GUILDS = 1;
    private static final int GUILD_INVITES = 1 << 6;

    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.GUILDS);
        server = TestServer.start("core_guildadmin");
        api = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aManagerRenamesTheGuildAndMembersSeeGuildUpdate() throws Exception {
        GuildFixture g = new GuildFixture(server, "settingsowner", "Settings Guild");
        Account manager = g.member("manager");
        Account plain = g.member("settingsplain");
        g.grant(manager, g.role("Managers", Permissions.MANAGE_GUILD));
        try (GatewayClient gw = g.gateway(plain, GUILDS)) {
            Response renamed = g.withReason("PATCH", g.guildPath(), manager.auth(),
                    "{\"name\":\"  Renamed Guild \",\"system_channel_id\":null,\"afk_timeout\":300}", "new%20season");
            assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
            assertThat(renamed.str("name")).isEqualTo("Renamed Guild");
            assertThat(renamed.body().get("system_channel_id").isNull()).isTrue();
            assertThat(renamed.body().get("roles").isArray()).isTrue();
            JsonNode update = gw.nextDispatch("GUILD_UPDATE", WAIT);
            assertThat(update.at("/d/id").asText()).isEqualTo(g.guildId);
            assertThat(update.at("/d/name").asText()).isEqualTo("Renamed Guild");
        }
        assertThat(api.get(g.guildPath(), plain.auth()).str("name")).isEqualTo("Renamed Guild");
        Response back = api.call("PATCH", g.guildPath(), g.owner.auth(),
                "{\"system_channel_id\":\"" + g.channelId + "\"}");
        assertThat(back.str("system_channel_id")).isEqualTo(g.channelId);

        Response denied = api.call("PATCH", g.guildPath(), plain.auth(), "{\"name\":\"Mine\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("code").asInt()).isEqualTo(50013);
        Response shortName = api.call("PATCH", g.guildPath(), g.owner.auth(), "{\"name\":\"x\"}");
        assertThat(shortName.body().at("/errors/name/_errors/0/code").asText()).isEqualTo("BASE_TYPE_BAD_LENGTH");
        String voice = api.voiceChannel(g.owner, g.guildId);
        Response voiceSystem = api.call("PATCH", g.guildPath(), g.owner.auth(),
                "{\"system_channel_id\":\"" + voice + "\"}");
        assertThat(voiceSystem.body().get("code").asInt()).isEqualTo(50035);

        JsonNode entry = api.get(g.guildPath() + "/audit-logs?action_type=1", g.owner.auth()).body()
                .get("audit_log_entries").get(1);
        assertThat(entry.get("user_id").asText()).isEqualTo(manager.userId());
        assertThat(entry.get("reason").asText()).isEqualTo("new season");
        assertThat(entry.get("changes").toString()).contains("\"key\":\"name\"", "\"old_value\":\"Settings Guild\"",
                "\"key\":\"system_channel_id\"");
        GuildUpdated event = EventCodec.payload(KafkaEvents.awaitTypes(Topics.GUILDS, g.guildId, "guild.updated")
                .stream().filter(e -> e.type().equals("guild.updated")).findFirst().orElseThrow(), GuildUpdated.class);
        assertThat(event.changed()).containsExactly("name", "system_channel_id");
        assertThat(event.actorId()).isEqualTo(manager.userId());
    }

    @Test
    void onlyTheOwnerDeletesTheGuildAndEverySessionGetsGuildDelete() throws Exception {
        GuildFixture g = new GuildFixture(server, "deleteowner", "Doomed Guild");
        Account member = g.member("doomedmember");
        g.grant(member, g.role("Admins", Permissions.ADMINISTRATOR));
        try (GatewayClient gw = g.gateway(member, GUILDS)) {
            Response notOwner = api.call("DELETE", g.guildPath(), member.auth(), null);
            assertThat(notOwner.status()).isEqualTo(403);
            assertThat(notOwner.body().get("code").asInt()).isEqualTo(50013);
            assertThat(api.call("DELETE", g.guildPath(), g.owner.auth(), null).status()).isEqualTo(204);
            JsonNode delete = gw.nextDispatch("GUILD_DELETE", WAIT);
            assertThat(delete.at("/d/id").asText()).isEqualTo(g.guildId);
        }
        Response gone = api.get(g.guildPath(), g.owner.auth());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().get("code").asInt()).isEqualTo(10004);
        assertThat(api.get("/api/v10/users/@me/guilds", member.auth()).body()).isEmpty();
        List<EventEnvelope> events = KafkaEvents.awaitTypes(Topics.GUILDS, g.guildId, "guild.deleted");
        assertThat(events.get(events.size() - 1).payload().get("actor_id").asText()).isEqualTo(g.owner.userId());
    }

    @Test
    void invitesAreListedAndDeletedWithDispatchesAuditAndEvents() throws Exception {
        GuildFixture g = new GuildFixture(server, "inviteowner", "Invite Guild");
        Account channelManager = g.member("chanmanager");
        Account plain = g.member("inviteplain");
        g.grant(channelManager, g.role("Channel Managers", Permissions.MANAGE_CHANNELS));
        try (GatewayClient gw = g.gateway(g.owner, GUILDS | GUILD_INVITES)) {
            Response created = g.withReason("POST", "/api/v10/channels/" + g.channelId + "/invites", plain.auth(),
                    "{\"max_age\":3600,\"max_uses\":5}", "for%20friends");
            assertThat(created.status()).as(created.raw()).isEqualTo(200);
            String code = created.str("code");
            JsonNode inviteCreate = gw.nextDispatch("INVITE_CREATE", WAIT);
            assertThat(inviteCreate.at("/d/code").asText()).isEqualTo(code);
            assertThat(inviteCreate.at("/d/channel_id").asText()).isEqualTo(g.channelId);
            assertThat(inviteCreate.at("/d/guild_id").asText()).isEqualTo(g.guildId);
            assertThat(inviteCreate.at("/d/max_uses").asInt()).isEqualTo(5);
            assertThat(inviteCreate.at("/d/inviter/id").asText()).isEqualTo(plain.userId());

            Response ofChannel = api.get("/api/v10/channels/" + g.channelId + "/invites", channelManager.auth());
            assertThat(ofChannel.status()).as(ofChannel.raw()).isEqualTo(200);
            List<String> codes = new ArrayList<>();
            ofChannel.body().forEach(i -> codes.add(i.get("code").asText()));
            assertThat(codes).contains(code);
            assertThat(ofChannel.body().get(0).has("uses")).as("metadata").isTrue();
            Response ofGuild = api.get(g.guildPath() + "/invites", g.owner.auth());
            assertThat(ofGuild.body().toString()).contains(code);
            assertThat(api.get(g.guildPath() + "/invites", plain.auth()).body().get("code").asInt()).isEqualTo(50013);
            assertThat(api.call("DELETE", "/api/v10/invites/" + code, plain.auth(), null).body().get("code").asInt())
                    .isEqualTo(50013);

            Response deleted = api.call("DELETE", "/api/v10/invites/" + code, channelManager.auth(), null);
            assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
            assertThat(deleted.str("code")).isEqualTo(code);
            JsonNode inviteDelete = gw.nextDispatch("INVITE_DELETE", WAIT);
            assertThat(inviteDelete.at("/d/code").asText()).isEqualTo(code);
            assertThat(inviteDelete.at("/d/channel_id").asText()).isEqualTo(g.channelId);
            Response again = api.call("DELETE", "/api/v10/invites/" + code, g.owner.auth(), null);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.body().get("code").asInt()).isEqualTo(10006);
        }
        JsonNode entries = api.get(g.guildPath() + "/audit-logs?action_type=40&user_id=" + plain.userId(),
                g.owner.auth()).body().get("audit_log_entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("reason").asText()).isEqualTo("for friends");
        assertThat(entries.get(0).get("changes").toString()).contains("\"key\":\"max_uses\"", "\"new_value\":5");
        JsonNode deletes = api.get(g.guildPath() + "/audit-logs?action_type=42", g.owner.auth()).body()
                .get("audit_log_entries");
        assertThat(deletes.get(0).get("user_id").asText()).isEqualTo(channelManager.userId());

        List<EventEnvelope> events = KafkaEvents.awaitTypes(Topics.GUILDS, g.guildId, "invite.created",
                "invite.deleted");
        InviteDeleted deleted = EventCodec.payload(events.stream().filter(e -> e.type().equals("invite.deleted"))
                .findFirst().orElseThrow(), InviteDeleted.class);
        assertThat(deleted.actorId()).isEqualTo(channelManager.userId());
        assertThat(events.stream().filter(e -> e.type().equals("invite.created"))
                .map(e -> EventCodec.payload(e, InviteCreated.class).inviterId())).contains(plain.userId());
    }

    @Test
    void theAuditLogPagesLikeDiscord() {
        GuildFixture g = new GuildFixture(server, "auditowner", "Audit Guild");
        List<String> roleIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            roleIds.add(g.role("r" + i, 0));
        }
        String path = g.guildPath() + "/audit-logs?action_type=30";
        JsonNode newest = api.get(path + "&limit=2", g.owner.auth()).body().get("audit_log_entries");
        assertThat(newest).hasSize(2);
        assertThat(newest.get(0).get("target_id").asText()).isEqualTo(roleIds.get(3));
        assertThat(newest.get(1).get("target_id").asText()).isEqualTo(roleIds.get(2));
        JsonNode older = api.get(path + "&limit=10&before=" + newest.get(1).get("id").asText(), g.owner.auth()).body()
                .get("audit_log_entries");
        assertThat(older).extracting(e -> e.get("target_id").asText()).containsExactly(roleIds.get(1), roleIds.get(0));
        JsonNode oldest = api.get(path + "&after=0&limit=3", g.owner.auth()).body().get("audit_log_entries");
        assertThat(oldest).extracting(e -> e.get("target_id").asText())
                .containsExactly(roleIds.get(0), roleIds.get(1), roleIds.get(2));
        Response badLimit = api.get(path + "&limit=101", g.owner.auth());
        assertThat(badLimit.body().at("/errors/limit/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_MAX");
        Account plain = g.member("auditplain");
        assertThat(api.get(g.guildPath() + "/audit-logs", plain.auth()).body().get("code").asInt()).isEqualTo(50013);
    }
}
