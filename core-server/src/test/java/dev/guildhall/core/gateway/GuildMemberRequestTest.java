package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GuildMemberRequestTest {
    private static GuildMemberRequest parse(String json) throws IOException {
        return GuildMemberRequest.parse(Json.mapper().readTree(json));
    }

    private static List<Member> members(int n) {
        List<Member> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Member(7, new User(i, "user" + i, null, false), null, Instant.EPOCH, List.of()));
        }
        return out;
    }

    @Test
    void discordJsRequestsParse() throws IOException {
        // guild.members.fetch(): the whole list
        GuildMemberRequest all = parse("{\"guild_id\":\"7\",\"query\":\"\",\"nonce\":\"123\",\"limit\":0}");
        assertThat(all.guildId()).isEqualTo(7);
        assertThat(all.wholeList()).isTrue();
        assertThat(all.limit()).isZero();
        assertThat(all.nonce()).isEqualTo("123");
        // a name prefix: at most 100
        GuildMemberRequest prefix = parse("{\"guild_id\":\"7\",\"query\":\"ad\",\"limit\":500}");
        assertThat(prefix.wholeList()).isFalse();
        assertThat(prefix.limit()).isEqualTo(100);
        // user ids (one or a list), duplicates once, no query
        GuildMemberRequest ids = parse("{\"guild_id\":[\"7\"],\"user_ids\":[\"1\",\"2\",\"1\"],\"limit\":0}");
        assertThat(ids.userIds()).containsExactly(1L, 2L);
        assertThat(ids.query()).isNull();
        assertThat(ids.limit()).isEqualTo(100);
        assertThat(parse("{\"guild_id\":7,\"user_ids\":\"3\"}").userIds()).containsExactly(3L);
    }

    @Test
    void malformedRequestsAreRejectedAndLongNoncesDropped() throws IOException {
        assertThat(parse("{\"query\":\"\",\"limit\":0}")).as("no guild_id").isNull();
        assertThat(parse("{\"guild_id\":[\"7\",\"8\"],\"query\":\"\",\"limit\":0}")).as("two guilds").isNull();
        assertThat(parse("{\"guild_id\":\"7\",\"limit\":0}")).as("neither query nor user_ids").isNull();
        assertThat(parse("{\"guild_id\":\"7\",\"query\":\"\"}")).as("query without limit").isNull();
        assertThat(parse("{\"guild_id\":\"7\",\"query\":5,\"limit\":0}")).as("query not a string").isNull();
        assertThat(parse("{\"guild_id\":\"7\",\"query\":\"\",\"limit\":-1}")).isNull();
        assertThat(parse("{\"guild_id\":\"7\",\"user_ids\":[\"x\"]}")).isNull();
        assertThat(parse("\"text\"")).isNull();
        assertThat(parse("{\"guild_id\":\"7\",\"query\":\"\",\"limit\":0,\"nonce\":\"" + "n".repeat(33) + "\"}")
                .nonce()).isNull();
    }

    @Test
    void chunksHoldAtMost1000MembersAndNameTheMissingIds() throws IOException {
        List<ObjectNode> chunks = parse("{\"guild_id\":\"7\",\"query\":\"\",\"limit\":0,\"nonce\":\"n\"}")
                .chunks(members(2500), null);
        assertThat(chunks).hasSize(3);
        assertThat(chunks).extracting(c -> c.get("members").size()).containsExactly(1000, 1000, 500);
        assertThat(chunks).extracting(c -> c.get("chunk_index").asInt()).containsExactly(0, 1, 2);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("chunk_count").asInt()).isEqualTo(3);
            assertThat(c.get("guild_id").asText()).isEqualTo("7");
            assertThat(c.get("nonce").asText()).isEqualTo("n");
            assertThat(c.has("not_found")).isFalse();
            assertThat(c.has("presences")).isFalse();
        });
        assertThat(chunks.get(0).at("/members/0/user/id").asText()).isEqualTo("1");

        List<ObjectNode> byIds = parse("{\"guild_id\":\"7\",\"user_ids\":[\"1\",\"9\"]}").chunks(members(1), null);
        assertThat(byIds).hasSize(1);
        JsonNode only = byIds.get(0);
        assertThat(only.get("members")).hasSize(1);
        assertThat(only.get("not_found")).extracting(JsonNode::asText).containsExactly("9");
        assertThat(only.has("nonce")).isFalse();

        List<ObjectNode> none = parse("{\"guild_id\":\"7\",\"query\":\"zz\",\"limit\":1}").chunks(List.of(), null);
        assertThat(none).hasSize(1);
        assertThat(none.get(0).get("members")).isEmpty();
        assertThat(none.get(0).get("chunk_count").asInt()).isEqualTo(1);
    }
}
