package dev.guildhall.core.voice;

/**
 * Wire constants of the skeleton voice protocol (docs/runtime-contract.md, "Voice") and of the RTP header
 * (RFC 3550 section 5.1).
 */
final class VoiceProtocol {
    /** 'G', 'H' */
    static final byte MAGIC_0 = 0x47;
    static final byte MAGIC_1 = 0x48;
    static final byte TYPE_HELLO = 0x01;
    static final byte TYPE_HELLO_ACK = 0x02;
    /** magic (2) + type (1) + reserved (1) + ssrc (4) */
    static final int HELLO_HEADER_LENGTH = 8;
    /** tokens longer than this are rejected without comparing */
    static final int MAX_TOKEN_LENGTH = 128;
    static final int HELLO_ACK_LENGTH = 8;

    static final int RTP_HEADER_LENGTH = 12;
    static final int RTP_VERSION = 2;
    /** Opus RTP clock */
    static final int RTP_CLOCK_HZ = 48_000;

    private VoiceProtocol() {
    }
}
