package dev.guildhall.events.payload;

import java.util.List;

/**
 * A voice server (voice gateway + UDP relay of one region) announces itself (type {@code voice.server.heartbeat},
 * compacted topic {@code guildhall.voice.servers}, key = voice server id, {@code guild_id} "0"). Sent at start and
 * then every heartbeat interval; a server whose heartbeats stop is dead for core-server's selection and for
 * quality-monitor's health. {@code state} "stopping" is the last heartbeat of a graceful stop.
 *
 * @param voiceServer id of the server, unique in the fleet
 * @param region      region label (e.g. "eu-west")
 * @param endpoint    {@code host:port} of its voice gateway as VOICE_SERVER_UPDATE announces it
 * @param capacity    voice connections it accepts
 * @param load        voice connections it currently holds
 * @param opsUrl      base URL of its health, metrics and certificate endpoints
 * @param startedAt   epoch ms the process started
 * @param sentAt      epoch ms of this heartbeat
 * @param intervalMs  heartbeat interval in ms (receivers derive the liveness timeout from it)
 * @param state       "running" or "stopping"
 * @param refused     (version 2) members {@code "guild_id:user_id"} whose voice gateway IDENTIFY the server refused
 *                    since its previous heartbeat because it held {@code capacity} connections (close code 4022);
 *                    core-server moves them to another server. Empty when none (and in version 1).
 */
public record VoiceServerHeartbeat(String voiceServer, String region, String endpoint, int capacity, int load,
                                   String opsUrl, long startedAt, long sentAt, long intervalMs, String state,
                                   List<String> refused) {
    public static final String RUNNING = "running";
    public static final String STOPPING = "stopping";

    public VoiceServerHeartbeat {
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    /** A heartbeat that reports no refused connection. */
    public VoiceServerHeartbeat(String voiceServer, String region, String endpoint, int capacity, int load,
                                String opsUrl, long startedAt, long sentAt, long intervalMs, String state) {
        this(voiceServer, region, endpoint, capacity, load, opsUrl, startedAt, sentAt, intervalMs, state, List.of());
    }
}
