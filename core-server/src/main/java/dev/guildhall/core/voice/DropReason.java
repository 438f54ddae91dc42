package dev.guildhall.core.voice;

/** Why the relay dropped a datagram; the tag value of {@code guildhall.voice.packets.dropped{reason}}. */
enum DropReason {
    /** shorter than the smallest valid message (4 bytes, or 12 for RTP) */
    TOO_SHORT("too_short"),
    /** not a HELLO and not RTP version 2 */
    BAD_VERSION("bad_version"),
    /** RTP header claims more CSRCs than the datagram holds */
    MALFORMED("malformed"),
    /** GH magic but unknown type or malformed HELLO */
    BAD_HELLO("bad_hello"),
    /** HELLO whose session token does not match the ssrc's session */
    BAD_TOKEN("bad_token"),
    /** ssrc not allocated to any voice session */
    UNKNOWN_SSRC("unknown_ssrc"),
    /** ssrc allocated, but no HELLO has bound it to an address yet */
    UNBOUND_SSRC("unbound_ssrc"),
    /** ssrc bound to another source address */
    SPOOFED_SOURCE("spoofed_source"),
    /** the outbound socket buffer is full: forwarding would queue without bound */
    BACKPRESSURE("backpressure"),
    /** IP discovery for a session that binds with HELLO (skeleton protocol), or malformed */
    BAD_DISCOVERY("bad_discovery"),
    /** RTP of an encrypted (voice gateway) session before SELECT_PROTOCOL gave it a key */
    NO_KEY("no_key"),
    /** audio of a server-muted member or one without SPEAK in the channel: never forwarded */
    SILENCED("silenced"),
    /** authentication of the transport encryption failed (forged, corrupted, wrong key or mode) */
    UNDECRYPTABLE("undecryptable"),
    /** transport nonce already received or older than the replay window */
    REPLAYED("replayed"),
    /** larger than the relay's largest datagram ({@value VoiceRelay#MAX_DATAGRAM} bytes) */
    OVERSIZED("oversized"),
    /** a keepalive or probe echo from an address no session is bound to */
    UNKNOWN_SOURCE("unknown_source"),
    /** a keepalive sooner than the echo rate limit allows (one per 100 ms per session) */
    KEEPALIVE_FLOOD("keepalive_flood"),
    /** the echo of an RTT probe that is not the session's outstanding one (old, duplicated or forged) */
    STALE_PROBE("stale_probe");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
