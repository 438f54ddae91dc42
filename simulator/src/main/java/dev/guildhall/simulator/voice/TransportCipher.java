package dev.guildhall.simulator.voice;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Discord's {@code aead_aes256_gcm_rtpsize} transport encryption with the JDK's AES-GCM, as a client does it: the RTP
 * header (12 bytes, no CSRC, no extension here) is the associated data; the Opus payload is encrypted; the packet ends
 * with the 16-byte tag and a 4-byte big-endian nonce counter; the 12-byte IV is that counter followed by zeros.
 */
public final class TransportCipher {
    public static final String MODE = "aead_aes256_gcm_rtpsize";
    static final int TAG_BITS = 128;
    static final int NONCE_LENGTH = 4;

    private final SecretKeySpec key;
    private int nonce;

    public TransportCipher(byte[] secretKey, int firstNonce) {
        if (secretKey.length != 32) {
            throw new IllegalArgumentException("secret_key must be 32 bytes, got " + secretKey.length);
        }
        this.key = new SecretKeySpec(secretKey, "AES");
        this.nonce = firstNonce;
    }

    /** The encrypted datagram of a plaintext RTP packet. */
    public byte[] seal(byte[] rtp) {
        int header = headerLength(rtp, rtp.length);
        int n = nonce++;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv(n)));
            c.updateAAD(rtp, 0, header);
            byte[] sealed = c.doFinal(rtp, header, rtp.length - header);
            return ByteBuffer.allocate(header + sealed.length + NONCE_LENGTH).put(rtp, 0, header).put(sealed).putInt(n)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plaintext RTP packet (header + payload) of a received datagram, or null if it does not authenticate. */
    public byte[] open(byte[] datagram, int length) {
        int header = headerLength(datagram, length);
        if (header < 0 || length < header + TAG_BITS / 8 + NONCE_LENGTH) {
            return null;
        }
        int n = ByteBuffer.wrap(datagram, length - NONCE_LENGTH, NONCE_LENGTH).getInt();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv(n)));
            c.updateAAD(datagram, 0, header);
            byte[] plain = c.doFinal(datagram, header, length - NONCE_LENGTH - header);
            byte[] packet = Arrays.copyOf(datagram, header + plain.length);
            System.arraycopy(plain, 0, packet, header, plain.length);
            return packet;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** RTP header incl. CSRCs and the 4-byte extension preamble (rtpsize), or -1 if the datagram is too short. */
    static int headerLength(byte[] packet, int length) {
        if (length < RtpPacket.HEADER_LENGTH) {
            return -1;
        }
        int first = packet[0] & 0xFF;
        int header = RtpPacket.HEADER_LENGTH + 4 * (first & 0x0F) + ((first & 0x10) != 0 ? 4 : 0);
        return header <= length ? header : -1;
    }

    private static byte[] iv(int n) {
        return ByteBuffer.allocate(12).putInt(n).array();
    }
}
