package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Op 8 Request Guild Members: {@code {guild_id, query?, limit, user_ids?, presences?, nonce?}}, answered with
 * GUILD_MEMBERS_CHUNK dispatches of at most 1000 members each. As on Discord: one guild per request; a prefix
 * query and {@code user_ids} return at most 100 members; the whole list ({@code query ""}) needs the GUILD_MEMBERS
 * intent; a nonce longer than 32 bytes is not echoed.
 *
 * @param query null when {@code user_ids} are given
 * @param limit the most members to send; 0 = no limit (whole list only)
 */
record GuildMemberRequest(long guildId, String query, int limit, List<Long> userIds, boolean presences,
                          String nonce) {
    static final int CHUNK_SIZE = 1000;
    /** Prefix queries and user id lists return at most this many members. */
    static final int MAX_MATCHES = 100;
    private static final int MAX_NONCE_BYTES = 32;

    /** The request, or null when {@code d} is malformed (the gateway closes with 4002). */
    static GuildMemberRequest parse(JsonNode d) {
        if (d == null || !d.isObject()) {
            return null;
        }
        JsonNode guild = d.get("guild_id");
        if (guild != null && guild.isArray() && guild.size() == 1) {
            guild = guild.get(0); // some libraries send a list; Discord allows one guild per request
        }
        Long guildId = snowflake(guild);
        if (guildId == null) {
            return null;
        }
        List<Long> userIds = null;
        JsonNode ids = d.get("user_ids");
        if (ids != null && !ids.isNull()) {
            Set<Long> unique = new LinkedHashSet<>();
            for (JsonNode id : ids.isArray() ? ids : List.of(ids)) {
                Long v = snowflake(id);
                if (v == null) {
                    return null;
                }
                unique.add(v);
            }
            userIds = new ArrayList<>(unique);
        }
        JsonNode q = d.get("query");
        if (q != null && !q.isNull() && !q.isTextual()) {
            return null;
        }
        String query = q == null || q.isNull() ? null : q.textValue();
        if (query == null && userIds == null) {
            return null; // one of query or user_ids
        }
        JsonNode l = d.get("limit");
        int limit;
        if (l == null || l.isNull()) {
            if (query != null) {
                return null; // limit is required with a query
            }
            limit = 0;
        } else if (l.isIntegralNumber() && l.canConvertToInt() && l.intValue() >= 0) {
            limit = l.intValue();
        } else {
            return null;
        }
        if (userIds != null) {
            query = null;
            limit = Math.min(limit == 0 ? MAX_MATCHES : limit, MAX_MATCHES);
        } else if (!query.isEmpty()) {
            limit = Math.min(limit == 0 ? MAX_MATCHES : limit, MAX_MATCHES);
        }
        JsonNode n = d.get("nonce");
        String nonce = n != null && n.isTextual()
                && n.textValue().getBytes(StandardCharsets.UTF_8).length <= MAX_NONCE_BYTES ? n.textValue() : null;
        return new GuildMemberRequest(guildId, query, limit, userIds, d.path("presences").asBoolean(false), nonce);
    }

    private static Long snowflake(JsonNode v) {
        if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
            return null;
        }
        String raw = v.asText();
        if (!raw.matches("\\d{1,20}")) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The whole member list: needs the GUILD_MEMBERS intent. */
    boolean wholeList() {
        return query != null && query.isEmpty();
    }

    /**
     * The GUILD_MEMBERS_CHUNK payloads for the members found: at least one chunk (an empty one when nothing
     * matched), {@code not_found} for requested user ids that are no members, {@code presences} from the tracker
     * when it is given (the request asked for them and the session has GUILD_PRESENCES).
     */
    List<ObjectNode> chunks(List<Member> members, SessionCoordinator presenceLookup) {
        List<ObjectNode> out = new ArrayList<>();
        int count = Math.max(1, (members.size() + CHUNK_SIZE - 1) / CHUNK_SIZE);
        for (int index = 0; index < count; index++) {
            List<Member> part = members.subList(index * CHUNK_SIZE, Math.min(members.size(), (index + 1) * CHUNK_SIZE));
            ObjectNode chunk = Json.object();
            chunk.put("guild_id", Json.id(guildId));
            ArrayNode list = chunk.putArray("members");
            List<Long> partIds = new ArrayList<>(part.size());
            for (Member m : part) {
                list.add(GuildViews.member(m, true));
                partIds.add(m.user().id());
            }
            chunk.put("chunk_index", index);
            chunk.put("chunk_count", count);
            if (userIds != null && index == 0) {
                Set<Long> found = new HashSet<>();
                members.forEach(m -> found.add(m.user().id()));
                ArrayNode notFound = chunk.putArray("not_found");
                userIds.stream().filter(id -> !found.contains(id)).forEach(id -> notFound.add(Json.id(id)));
            }
            if (presenceLookup != null) {
                chunk.set("presences", presenceLookup.presences(guildId, partIds));
            }
            if (nonce != null) {
                chunk.put("nonce", nonce);
            }
            out.add(chunk);
        }
        return out;
    }
}
