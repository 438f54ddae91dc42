package dev.guildhall.core.voice;

import io.netty.channel.socket.DatagramPacket;

/**
 * A HELLO datagram: {@code 0x47 0x48 0x01 0x00} + ssrc + ASCII session token. The token is
 * {@code packet.content()} from {@link #tokenOffset} to its writer index. The holder owns one reference to
 * {@link #packet}.
 */
record HelloDatagram(DatagramPacket packet, long ssrc, int tokenOffset) {
}
