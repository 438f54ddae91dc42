package dev.guildhall.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

/** Provisions users, a guild and its members through the public provisioning contract. */
final class Community {
    final RestClient rest;
    final String ownerToken;
    final String guildId;
    final String textChannelId;
    final String voiceChannelId;
    final String inviteCode;

    Community(RestClient rest) {
        this.rest = rest;
        this.ownerToken = register("owner").token();
        JsonNode guild = rest.ok("POST", "/guilds", ownerToken, Map.of("name", "System test guild"));
        this.guildId = guild.get("id").asText();
        String text = null;
        String voice = null;
        for (JsonNode ch : rest.ok("GET", "/guilds/" + guildId + "/channels", ownerToken, null)) {
            if (ch.get("type").asInt() == 0 && text == null) {
                text = ch.get("id").asText();
            }
            if (ch.get("type").asInt() == 2 && voice == null) {
                voice = ch.get("id").asText();
            }
        }
        this.textChannelId = text;
        this.voiceChannelId = voice;
        this.inviteCode = rest.ok("POST", "/channels/" + textChannelId + "/invites", ownerToken, Map.of())
                .get("code").asText();
    }

    record Account(String userId, String token) {
    }

    Account register(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode r = rest.ok("POST", "/auth/register", null, Map.of("username", name, "password", "correct horse battery"));
        return new Account(r.get("user_id").asText(), r.get("token").asText());
    }

    Account member(String prefix) {
        Account a = register(prefix);
        rest.ok("POST", "/invites/" + inviteCode, a.token(), null);
        return a;
    }

    void post(String token, String content) {
        rest.ok("POST", "/channels/" + textChannelId + "/messages", token, Map.of("content", content));
    }
}
