package dev.guildhall.core.voice;

import io.netty.channel.socket.DatagramPacket;

/**
 * A datagram that passed RTP validation, with its header fields parsed once. The session binding handler fills in
 * {@link #session}. The holder owns one reference to {@link #packet}.
 */
final class RtpDatagram {
    /** the datagram; its content is the plaintext RTP packet once the transport decryption passed */
    final DatagramPacket packet;
    final long ssrc;
    final int sequence;
    final long timestamp;
    final long arrivalNanos;
    VoiceSession session;

    RtpDatagram(DatagramPacket packet, long ssrc, int sequence, long timestamp, long arrivalNanos) {
        this.packet = packet;
        this.ssrc = ssrc;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.arrivalNanos = arrivalNanos;
    }
}
