package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voice states of this node, per guild and user (a user is in at most one voice channel per guild). Memory
 * only, like presence: they end with the gateway sessions holding them. Changes are serialised on this object so a
 * join's user-limit check and its insert are atomic.
 */
final class VoiceStates {
    private final Map<Long, Map<Long, VoiceState>> byGuild = new ConcurrentHashMap<>();

    VoiceState get(long guildId, long userId) {
        Map<Long, VoiceState> guild = byGuild.get(guildId);
        return guild == null ? null : guild.get(userId);
    }

    synchronized void put(VoiceState state) {
        byGuild.computeIfAbsent(state.guildId(), k -> new ConcurrentHashMap<>()).put(state.userId(), state);
    }

    /** Removes the state if it is still the given one; true if it was. */
    synchronized boolean remove(VoiceState state) {
        Map<Long, VoiceState> guild = byGuild.get(state.guildId());
        if (guild == null || !guild.remove(state.userId(), state)) {
            return false;
        }
        if (guild.isEmpty()) {
            byGuild.remove(state.guildId(), guild);
        }
        return true;
    }

    /** Users in a channel other than {@code exceptUser}. */
    int occupants(long guildId, long channelId, long exceptUser) {
        Map<Long, VoiceState> guild = byGuild.get(guildId);
        if (guild == null) {
            return 0;
        }
        int n = 0;
        for (VoiceState s : guild.values()) {
            if (s.channelId() == channelId && s.userId() != exceptUser) {
                n++;
            }
        }
        return n;
    }

    /** The states in the guild. */
    List<VoiceState> inGuild(long guildId) {
        Map<Long, VoiceState> guild = byGuild.get(guildId);
        return guild == null ? List.of() : List.copyOf(guild.values());
    }

    /** The states in a channel. */
    List<VoiceState> inChannel(long guildId, long channelId) {
        Map<Long, VoiceState> guild = byGuild.get(guildId);
        return guild == null ? List.of() : guild.values().stream().filter(s -> s.channelId() == channelId).toList();
    }

    /** Every state held by a gateway session. */
    List<VoiceState> heldBy(String sessionId) {
        List<VoiceState> held = new ArrayList<>();
        for (Map<Long, VoiceState> guild : byGuild.values()) {
            for (VoiceState s : guild.values()) {
                if (s.sessionId().equals(sessionId)) {
                    held.add(s);
                }
            }
        }
        return held;
    }

    ArrayNode json(long guildId) {
        ArrayNode array = Json.mapper().createArrayNode();
        Map<Long, VoiceState> guild = byGuild.get(guildId);
        if (guild != null) {
            guild.values().forEach(s -> {
                var o = s.json();
                o.remove("guild_id"); // GUILD_CREATE's voice states omit it, as on Discord
                array.add(o);
            });
        }
        return array;
    }

    int size() {
        int n = 0;
        for (Map<Long, VoiceState> guild : byGuild.values()) {
            n += guild.size();
        }
        return n;
    }
}
