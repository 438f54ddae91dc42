package dev.guildhall.core.voice;

import io.netty.channel.socket.DatagramPacket;

/**
 * A Discord IP discovery request: type {@code 0x0001}, length 70, ssrc, 64-byte address, port (74 bytes, big
 * endian). The holder owns one reference to {@link #packet}.
 */
record DiscoveryDatagram(DatagramPacket packet, long ssrc) {
    static final int LENGTH = 74;
    static final int TYPE_REQUEST = 0x1;
    static final int TYPE_RESPONSE = 0x2;
    static final int BODY_LENGTH = 70;
    static final int ADDRESS_LENGTH = 64;
}
