package dev.guildhall.core.channels;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.WrongChannelType;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.voice.VoiceGrant;
import dev.guildhall.core.voice.VoiceRelay;

/**
 * {@code POST /channels/{id}/voice/join} (skeleton voice protocol, see docs/runtime-contract.md): the caller must be
 * a member who may CONNECT to a voice channel; the relay admits them and the grant is returned.
 */
public final class VoiceJoinRoutes {
    private VoiceJoinRoutes() {
    }

    public static void register(Router router, Database db, ChannelAccess access, VoiceRelay relay) {
        router.post("/channels/{channel_id}/voice/join", req -> {
            long caller = req.requirePrincipal().userId();
            long channelId = req.snowflake("channel_id");
            ChannelGrant grant = db.read(c -> access.require(c, channelId, caller, Permissions.CONNECT));
            if (!grant.channel().isVoice()) {
                throw new WrongChannelType();
            }
            VoiceGrant g = relay.admit(grant.guild().id(), channelId, caller);
            ObjectNode o = Json.object();
            o.put("ssrc", g.ssrc());
            o.put("udp_host", g.udpHost());
            o.put("udp_port", g.udpPort());
            o.put("session_token", g.sessionToken());
            o.put("region", g.region());
            o.put("voice_server", g.voiceServer());
            return ApiResponse.ok(o);
        });
    }
}
