package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Op 8 Request Guild Members over a real gateway session: GUILD_MEMBERS_CHUNK for the whole list (GUILD_MEMBERS
 * intent), a name prefix and user ids (with {@code not_found}), the nonce echoed; nothing for a guild the session
 * is not in; 4002 for a malformed request.
 */
class GuildMemberRequestsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int GUILDS = 1;
    private static final int GUILD_MEMBERS = 1 << 1;
    private static final int APP_GATEWAY_GUILD_MEMBERS = 1 << 14;

    private static TestServer server;
    private static GuildFixture guild;
    private static Account alice;
    private static Account bob;
    private static String otherGuildId;
    private static String botToken;
    private static String botUserId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_member_requests");
        guild = new GuildFixture(server, "chunkowner", "Chunk Guild");
        alice = guild.member("chunkalice");
        bob = guild.member("chunkbob");
        ApiClient api = guild.api;
        otherGuildId = api.createGuild(api.register("elsewhere"), "Elsewhere").get("id").asText();
        Response app = api.post("/api/v10/applications", guild.owner.auth(),
                Map.of("name", "Chunk Bot", "flags", APP_GATEWAY_GUILD_MEMBERS));
        botToken = app.body().at("/bot/token").asText();
        botUserId = app.body().at("/bot/id").asText();
        api.invite(guild.owner, guild.channelId, "Bot " + botToken);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static GatewayClient session(String token, int intents) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        gw.identify(token, intents);
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
        return gw;
    }

    private static void request(GatewayClient gw, String guildId, String query, Integer limit, List<String> userIds,
                                String nonce) {
        ObjectNode p = ApiClient.JSON.createObjectNode().put("op", 8);
        ObjectNode d = p.putObject("d").put("guild_id", guildId);
        if (query != null) {
            d.put("query", query);
        }
        if (limit != null) {
            d.put("limit", limit);
        }
        if (userIds != null) {
            userIds.forEach(d.putArray("user_ids")::add);
        }
        if (nonce != null) {
            d.put("nonce", nonce);
        }
        gw.send(p);
    }

    private static List<String> memberIds(JsonNode chunk) {
        List<String> out = new ArrayList<>();
        chunk.at("/d/members").forEach(m -> out.add(m.at("/user/id").asText()));
        return out;
    }

    @Test
    void botGetsTheWholeListAPrefixAndUserIdsInChunks() throws Exception {
        try (GatewayClient gw = session(botToken, GUILDS | GUILD_MEMBERS)) {
            request(gw, guild.guildId, "", 0, null, "all");
            JsonNode all = gw.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT);
            assertThat(all).isNotNull();
            assertThat(all.at("/d/guild_id").asText()).isEqualTo(guild.guildId);
            assertThat(all.at("/d/nonce").asText()).isEqualTo("all");
            assertThat(all.at("/d/chunk_index").asInt()).isZero();
            assertThat(all.at("/d/chunk_count").asInt()).isEqualTo(1);
            assertThat(memberIds(all)).containsExactlyInAnyOrder(guild.owner.userId(), alice.userId(), bob.userId(),
                    botUserId);
            assertThat(all.at("/d/members/0/joined_at").isTextual()).isTrue();
            assertThat(all.at("/d").has("not_found")).isFalse();

            request(gw, guild.guildId, "chunkal", 10, null, "prefix");
            JsonNode prefix = gw.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT);
            assertThat(prefix.at("/d/nonce").asText()).isEqualTo("prefix");
            assertThat(memberIds(prefix)).containsExactly(alice.userId());

            request(gw, guild.guildId, null, null, List.of(bob.userId(), "42"), null);
            JsonNode byIds = gw.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT);
            assertThat(memberIds(byIds)).containsExactly(bob.userId());
            assertThat(byIds.at("/d/not_found")).extracting(JsonNode::asText).containsExactly("42");
            assertThat(byIds.at("/d").has("nonce")).isFalse();

            // a guild the bot is not in: no answer; the session goes on
            request(gw, otherGuildId, "", 0, null, "foreign");
            request(gw, guild.guildId, "chunkbo", 1, null, "after");
            JsonNode next = gw.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT);
            assertThat(next.at("/d/nonce").asText()).isEqualTo("after");
            assertThat(memberIds(next)).containsExactly(bob.userId());
        }
    }

    @Test
    void theWholeListNeedsTheGuildMembersIntent() throws Exception {
        try (GatewayClient gw = session(botToken, GUILDS)) {
            request(gw, guild.guildId, "", 0, null, "all");
            JsonNode none = gw.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT);
            assertThat(none.at("/d/nonce").asText()).isEqualTo("all");
            assertThat(none.at("/d/members")).isEmpty();
            assertThat(none.at("/d/chunk_count").asInt()).isEqualTo(1);
            // a prefix and user ids need no intent
            request(gw, guild.guildId, null, null, List.of(alice.userId()), "ids");
            assertThat(memberIds(gw.nextDispatch("GUILD_MEMBERS_CHUNK", WAIT))).containsExactly(alice.userId());
        }
    }

    @Test
    void aMalformedRequestClosesWithADecodeError() throws Exception {
        try (GatewayClient gw = session(alice.token(), GUILDS)) {
            request(gw, guild.guildId, null, 0, null, null); // neither query nor user_ids
            assertThat(gw.closeCode(WAIT)).isEqualTo(4002);
        }
    }
}
