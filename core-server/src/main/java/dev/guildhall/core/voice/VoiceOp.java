package dev.guildhall.core.voice;

/** Voice gateway opcodes and close codes (Discord voice gateway v8, without the DAVE opcodes). */
final class VoiceOp {
    static final int IDENTIFY = 0;
    static final int SELECT_PROTOCOL = 1;
    static final int READY = 2;
    static final int HEARTBEAT = 3;
    static final int SESSION_DESCRIPTION = 4;
    static final int SPEAKING = 5;
    static final int HEARTBEAT_ACK = 6;
    static final int RESUME = 7;
    static final int HELLO = 8;
    static final int RESUMED = 9;
    static final int CLIENTS_CONNECT = 11;
    static final int CLIENT_DISCONNECT = 13;

    static final int CLOSE_UNKNOWN_OPCODE = 4001;
    static final int CLOSE_DECODE_FAILED = 4002;
    static final int CLOSE_NOT_AUTHENTICATED = 4003;
    static final int CLOSE_AUTHENTICATION_FAILED = 4004;
    static final int CLOSE_ALREADY_AUTHENTICATED = 4005;
    static final int CLOSE_SESSION_INVALID = 4006;
    static final int CLOSE_SESSION_TIMEOUT = 4009;
    static final int CLOSE_SERVER_NOT_FOUND = 4011;
    static final int CLOSE_UNKNOWN_PROTOCOL = 4012;
    static final int CLOSE_DISCONNECTED = 4014;
    static final int CLOSE_SERVER_CRASHED = 4015;
    static final int CLOSE_UNKNOWN_ENCRYPTION_MODE = 4016;
    static final int CLOSE_BAD_REQUEST = 4020;
    static final int CLOSE_RATE_LIMITED = 4021;
    static final int CLOSE_CALL_TERMINATED = 4022;

    private VoiceOp() {
    }
}
