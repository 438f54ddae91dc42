package dev.guildhall.core.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Gateway op 4 from a test client. */
public final class VoiceJoins {
    private VoiceJoins() {
    }

    /** Sends op 4 for the channel (null: leave). */
    public static void send(GatewayClient gw, String guildId, String channelId) {
        Map<String, Object> d = new HashMap<>();
        d.put("guild_id", guildId);
        d.put("channel_id", channelId);
        d.put("self_mute", false);
        d.put("self_deaf", false);
        gw.sendRaw(ApiClient.json(Map.of("op", 4, "d", d)));
    }

    /** Joins and returns the VOICE_SERVER_UPDATE (the voice state is in place once it arrives). */
    public static JsonNode join(GatewayClient gw, String guildId, String channelId) throws InterruptedException {
        send(gw, guildId, channelId);
        JsonNode server = gw.nextDispatch("VOICE_SERVER_UPDATE", Duration.ofSeconds(15));
        if (server == null) {
            throw new AssertionError("no VOICE_SERVER_UPDATE after op 4");
        }
        return server.get("d");
    }
}
