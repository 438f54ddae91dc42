package dev.guildhall.core.voice;

import io.netty.channel.socket.DatagramPacket;

/**
 * An 8-byte UDP datagram: either a client keepalive (Discord clients send 8 bytes every few seconds, discord.js a
 * little-endian counter, and time the server's echo of it), which the relay echoes unchanged, or the client's echo
 * of a relay RTT probe {@code 47 48 52 54 ("GHRT") | probe id (uint32 BE)}. The holder owns one reference to
 * {@link #packet}.
 */
record KeepaliveDatagram(DatagramPacket packet) {
    static final int LENGTH = 8;
    /** "GHRT" big-endian: first 4 bytes of a relay RTT probe */
    static final int PROBE_MAGIC = 0x47485254;
}
