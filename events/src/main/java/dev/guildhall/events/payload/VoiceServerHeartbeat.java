package dev.guildhall.events.payload;

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
 */
public record VoiceServerHeartbeat(String voiceServer, String region, String endpoint, int capacity, int load,
                                   String opsUrl, long startedAt, long sentAt, long intervalMs, String state) {
    public static final String RUNNING = "running";
    public static final String STOPPING = "stopping";
}
