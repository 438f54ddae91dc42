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
import dev.guildhall.events.payload.RoleCreated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.guildhall.core.support.GuildFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Guild roles over REST: Discord's role object, the hierarchy rules, limits, dispatches, audit log and events. */
class RolesIT {
    private static final int GUILDS = 1;

    private static TestServer server;
    private static ApiClient api;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.GUILDS);
        server = TestServer.start("core_roles");
        api = server.client();
        g = new GuildFixture(server, "rolesowner", "Roles Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String roles() {
        return g.guildPath() + "/roles";
    }

    @Test
    void ownerCreatesModifiesAndDeletesARoleWithDispatchesAuditEntriesAndEvents() throws Exception {
        Account member = g.member("rolesviewer");
        try (GatewayClient gw = g.gateway(member, GUILDS)) {
            Response created = g.withReason("POST", roles(), g.owner.auth(),
                    "{\"name\":\"Helpers\",\"permissions\":\"8192\",\"color\":16711680,\"hoist\":true}",
                    "setting%20up+helpers");
            assertThat(created.status()).as(created.raw()).isEqualTo(200);
            JsonNode role = created.body();
            String roleId = role.get("id").asText();
            assertThat(role.get("name").asText()).isEqualTo("Helpers");
            assertThat(role.get("permissions").isTextual()).isTrue();
            assertThat(role.get("permissions").asText()).isEqualTo("8192");
            assertThat(role.get("color").asInt()).isEqualTo(0xFF0000);
            assertThat(role.get("hoist").asBoolean()).isTrue();
            assertThat(role.get("position").asInt()).isEqualTo(1);
            assertThat(role.get("managed").asBoolean()).isFalse();
            assertThat(role.get("mentionable").asBoolean()).isFalse();
            assertThat(role.get("flags").asInt()).isZero();
            assertThat(role.get("icon").isNull()).isTrue();
            assertThat(role.get("unicode_emoji").isNull()).isTrue();

            JsonNode create = gw.nextDispatch("GUILD_ROLE_CREATE", WAIT);
            assertThat(create).isNotNull();
            assertThat(create.at("/d/guild_id").asText()).isEqualTo(g.guildId);
            assertThat(create.at("/d/role/id").asText()).isEqualTo(roleId);
            assertThat(create.at("/d/role/permissions").asText()).isEqualTo("8192");

            Response modified = api.call("PATCH", roles() + "/" + roleId, g.owner.auth(),
                    "{\"name\":\"Helpers+\",\"mentionable\":true,\"color\":null}");
            assertThat(modified.status()).as(modified.raw()).isEqualTo(200);
            assertThat(modified.str("name")).isEqualTo("Helpers+");
            assertThat(modified.body().get("mentionable").asBoolean()).isTrue();
            assertThat(modified.body().get("color").asInt()).as("null = unchanged").isEqualTo(0xFF0000);
            JsonNode update = gw.nextDispatch("GUILD_ROLE_UPDATE", WAIT);
            assertThat(update.at("/d/role/name").asText()).isEqualTo("Helpers+");

            Response list = api.get(roles(), member.auth());
            assertThat(list.status()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            list.body().forEach(r -> ids.add(r.get("id").asText()));
            assertThat(ids).contains(g.guildId, roleId);
            Response one = api.get(roles() + "/" + roleId, member.auth());
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.str("name")).isEqualTo("Helpers+");

            Response deleted = api.call("DELETE", roles() + "/" + roleId, g.owner.auth(), null);
            assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
            JsonNode delete = gw.nextDispatch("GUILD_ROLE_DELETE", WAIT);
            assertThat(delete.at("/d/guild_id").asText()).isEqualTo(g.guildId);
            assertThat(delete.at("/d/role_id").asText()).isEqualTo(roleId);
            Response gone = api.get(roles() + "/" + roleId, member.auth());
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().get("code").asInt()).isEqualTo(10011);

            Response audit = api.get(g.guildPath() + "/audit-logs?action_type=30", g.owner.auth());
            assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
            JsonNode entry = audit.body().get("audit_log_entries").get(0);
            assertThat(entry.get("target_id").asText()).isEqualTo(roleId);
            assertThat(entry.get("user_id").asText()).isEqualTo(g.owner.userId());
            assertThat(entry.get("reason").asText()).isEqualTo("setting up helpers");
            assertThat(entry.get("changes").toString()).contains("\"key\":\"name\"", "\"new_value\":\"Helpers\"");
            assertThat(audit.body().get("users").get(0).get("id").asText()).isEqualTo(g.owner.userId());
            JsonNode updates = api.get(g.guildPath() + "/audit-logs?action_type=31&user_id=" + g.owner.userId(),
                    g.owner.auth()).body().get("audit_log_entries");
            assertThat(updates.toString()).contains("\"old_value\":\"Helpers\"", "\"new_value\":\"Helpers+\"");

            List<EventEnvelope> events = KafkaEvents.awaitTypes(Topics.GUILDS, g.guildId, "role.created",
                    "role.updated", "role.deleted");
            EventEnvelope createdEvent = events.stream().filter(e -> e.type().equals("role.created")
                    && EventCodec.payload(e, RoleCreated.class).roleId().equals(roleId)).findFirst().orElseThrow();
            RoleCreated payload = EventCodec.payload(createdEvent, RoleCreated.class);
            assertThat(payload.name()).isEqualTo("Helpers");
            assertThat(payload.actorId()).isEqualTo(g.owner.userId());
        }
    }

    @Test
    void everyoneCannotBeDeletedAndBodiesAreValidated() {
        Response everyone = api.call("DELETE", roles() + "/" + g.guildId, g.owner.auth(), null);
        assertThat(everyone.status()).isEqualTo(400);
        assertThat(everyone.body().get("code").asInt()).isEqualTo(50028);
        Response unknown = api.call("PATCH", roles() + "/1234", g.owner.auth(), "{}");
        assertThat(unknown.body().get("code").asInt()).isEqualTo(10011);
        Response tooLong = api.post(roles(), g.owner.auth(), Map.of("name", "x".repeat(101)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("code").asInt()).isEqualTo(50035);
        assertThat(tooLong.body().at("/errors/name/_errors/0/code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        Response badColor = api.post(roles(), g.owner.auth(), Map.of("color", 0x1000000));
        assertThat(badColor.body().at("/errors/color/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_MAX");
        Response badPerms = api.post(roles(), g.owner.auth(), Map.of("permissions", "lots"));
        assertThat(badPerms.body().at("/errors/permissions/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_COERCE");
        Response defaults = api.post(roles(), g.owner.auth(), "{}");
        assertThat(defaults.str("name")).isEqualTo("new role");
        assertThat(defaults.str("permissions")).as("@everyone's permissions")
                .isEqualTo(Long.toString(Permissions.DEFAULT_EVERYONE));
    }

    @Test
    void aModeratorManagesOnlyRolesBelowItsOwnAndGrantsOnlyWhatItHas() {
        GuildFixture h = new GuildFixture(server, "hierowner", "Hierarchy Guild");
        Account mod = h.member("hiermod");
        Account plain = h.member("hierplain");
        String modRole = h.role("Mods", Permissions.MANAGE_ROLES | Permissions.KICK_MEMBERS);
        h.grant(mod, modRole);
        String path = h.guildPath() + "/roles";

        // a member without MANAGE_ROLES
        Response denied = api.post(path, plain.auth(), Map.of("name", "nope"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("code").asInt()).isEqualTo(50013);

        // the moderator creates a role: it goes below the moderator's role
        Response below = api.post(path, mod.auth(), Map.of("name", "Below", "permissions",
                Long.toString(Permissions.KICK_MEMBERS)));
        assertThat(below.status()).as(below.raw()).isEqualTo(200);
        assertThat(below.body().get("position").asInt()).isEqualTo(1);
        String belowId = below.str("id");
        assertThat(api.get(path + "/" + modRole, mod.auth()).body().get("position").asInt()).isEqualTo(2);

        // cannot grant a permission it lacks, neither on create nor on modify
        Response admin = api.post(path, mod.auth(), Map.of("permissions", Long.toString(Permissions.ADMINISTRATOR)));
        assertThat(admin.body().get("code").asInt()).isEqualTo(50013);
        Response raise = api.call("PATCH", path + "/" + belowId, mod.auth(),
                "{\"permissions\":\"" + (Permissions.KICK_MEMBERS | Permissions.BAN_MEMBERS) + "\"}");
        assertThat(raise.body().get("code").asInt()).isEqualTo(50013);
        Response rename = api.call("PATCH", path + "/" + belowId, mod.auth(), "{\"name\":\"Renamed\"}");
        assertThat(rename.status()).as(rename.raw()).isEqualTo(200);

        // cannot edit, delete or move its own role (not below its highest role), nor move a role up to it
        assertThat(api.call("PATCH", path + "/" + modRole, mod.auth(), "{\"name\":\"x\"}").body().get("code")
                .asInt()).isEqualTo(50013);
        assertThat(api.call("DELETE", path + "/" + modRole, mod.auth(), null).body().get("code").asInt())
                .isEqualTo(50013);
        Response moveUp = api.call("PATCH", path, mod.auth(), "[{\"id\":\"" + belowId + "\",\"position\":2}]");
        assertThat(moveUp.body().get("code").asInt()).isEqualTo(50013);
        Response moveEveryone = api.call("PATCH", path, h.owner.auth(), "[{\"id\":\"" + h.guildId
                + "\",\"position\":3}]");
        assertThat(moveEveryone.body().get("code").asInt()).isEqualTo(50028);

        // the owner reorders: Below goes above Mods; positions stay 1..n without duplicates
        Response reordered = api.call("PATCH", path, h.owner.auth(), "[{\"id\":\"" + belowId + "\",\"position\":2},"
                + "{\"id\":\"" + modRole + "\",\"position\":1}]");
        assertThat(reordered.status()).as(reordered.raw()).isEqualTo(200);
        Map<String, Integer> positions = new java.util.HashMap<>();
        reordered.body().forEach(r -> positions.put(r.get("id").asText(), r.get("position").asInt()));
        assertThat(positions).containsEntry(h.guildId, 0).containsEntry(belowId, 2).containsEntry(modRole, 1);
        // now Below is above the moderator's role: the moderator can no longer delete it
        assertThat(api.call("DELETE", path + "/" + belowId, mod.auth(), null).body().get("code").asInt())
                .isEqualTo(50013);
        assertThat(api.call("DELETE", path + "/" + belowId, h.owner.auth(), null).status()).isEqualTo(204);
    }

    @Test
    void aGuildHoldsAtMost250Roles() {
        GuildFixture full = new GuildFixture(server, "fullowner", "Full Guild");
        long gid = Long.parseLong(full.guildId);
        full.sql("INSERT INTO roles (id, guild_id, name, permissions, position) "
                + "SELECT ? + n, ?, 'r' || n, 0, n FROM generate_series(1, 249) n", gid, gid);
        Response last = api.post(full.guildPath() + "/roles", full.owner.auth(), Map.of("name", "250th"));
        assertThat(last.status()).as(last.raw()).isEqualTo(200);
        Response over = api.post(full.guildPath() + "/roles", full.owner.auth(), Map.of("name", "251st"));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().get("code").asInt()).isEqualTo(30005);
    }
}
