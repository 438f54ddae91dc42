package dev.guildhall.core.voice;

import java.security.SecureRandom;
import java.util.List;

/**
 * The transport encryption of one voice connection in one of Discord's "rtpsize" modes: the unencrypted header is
 * the RTP header with its CSRCs and, when the X bit is set, the 4-byte extension preamble (as in SRTP); that header
 * is the AEAD's associated data; the extension body and the Opus payload are encrypted; the packet ends with the
 * tag and the 4-byte big-endian counter nonce (appended, not part of the ciphertext).
 * <p>Inbound nonces pass a 64-packet sliding window (RFC 4303 style) so replayed packets are refused; outbound
 * nonces count up from a random start. Event loop only.
 */
final class TransportCrypto {
    static final String AES256_GCM = "aead_aes256_gcm_rtpsize";
    static final String XCHACHA20_POLY1305 = "aead_xchacha20_poly1305_rtpsize";
    /** In READY's order of preference (Discord lists AES-GCM first when it is available). */
    static final List<String> MODES = List.of(AES256_GCM, XCHACHA20_POLY1305);
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 4;
    /** tag + nonce after the ciphertext */
    static final int OVERHEAD = Aead.TAG_LENGTH + NONCE_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Result of {@link #decrypt}: authentication failed or the packet is malformed. */
    static final int UNDECRYPTABLE = -1;
    /** Result of {@link #decrypt}: the nonce was seen before or is too old. */
    static final int REPLAYED = -2;

    final String mode;
    private final Aead aead;
    private int sendNonce = RANDOM.nextInt(1 << 16) + 1;
    private boolean receivedAny;
    private long highestNonce;
    private long window; // bit i: nonce highestNonce - i was received

    TransportCrypto(String mode, byte[] key) {
        this.mode = mode;
        this.aead = switch (mode) {
            case AES256_GCM -> new AesGcmAead(key);
            case XCHACHA20_POLY1305 -> new XChaCha20Poly1305Aead(key);
            default -> throw new IllegalArgumentException("unknown encryption mode " + mode);
        };
    }

    static byte[] newKey() {
        byte[] key = new byte[KEY_LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Length of the unencrypted RTP header of an rtpsize packet, or -1 if the packet is too short for it. */
    static int headerLength(byte[] packet, int length) {
        if (length < VoiceProtocol.RTP_HEADER_LENGTH) {
            return -1;
        }
        int first = packet[0] & 0xFF;
        int header = VoiceProtocol.RTP_HEADER_LENGTH + 4 * (first & 0x0F) + ((first & 0x10) != 0 ? 4 : 0);
        return header <= length ? header : -1;
    }

    /**
     * Decrypts {@code in[0, length)} into {@code out} (header copied, then the plaintext); returns the plaintext
     * packet's length, {@link #UNDECRYPTABLE} or {@link #REPLAYED}. {@code out} needs {@code length} bytes.
     */
    int decrypt(byte[] in, int length, byte[] out) {
        int header = headerLength(in, length);
        if (header < 0 || length < header + OVERHEAD) {
            return UNDECRYPTABLE;
        }
        int nonceAt = length - NONCE_LENGTH;
        int nonce = (in[nonceAt] & 0xFF) << 24 | (in[nonceAt + 1] & 0xFF) << 16 | (in[nonceAt + 2] & 0xFF) << 8
                | (in[nonceAt + 3] & 0xFF);
        long n = nonce & 0xFFFF_FFFFL;
        if (receivedAny && (n + 64 <= highestNonce || (n <= highestNonce && (window >>> (highestNonce - n) & 1) != 0))) {
            return REPLAYED;
        }
        int plain = aead.open(nonce, in, header, in, header, nonceAt - header, out, header);
        if (plain < 0) {
            return UNDECRYPTABLE;
        }
        System.arraycopy(in, 0, out, 0, header);
        if (!receivedAny || n > highestNonce) {
            long shift = receivedAny ? n - highestNonce : 64;
            window = shift >= 64 ? 1 : (window << shift) | 1;
            highestNonce = n;
            receivedAny = true;
        } else {
            window |= 1L << (highestNonce - n);
        }
        return header + plain;
    }

    /**
     * Encrypts the plaintext RTP packet {@code in[0, length)} into {@code out} with the next nonce; returns the
     * encrypted packet's length ({@code length + OVERHEAD}), or -1 if the packet is malformed.
     */
    int encrypt(byte[] in, int length, byte[] out) {
        int header = headerLength(in, length);
        if (header < 0) {
            return -1;
        }
        int nonce = sendNonce++;
        System.arraycopy(in, 0, out, 0, header);
        int sealed = aead.seal(nonce, in, header, in, header, length - header, out, header);
        int at = header + sealed;
        out[at] = (byte) (nonce >>> 24);
        out[at + 1] = (byte) (nonce >>> 16);
        out[at + 2] = (byte) (nonce >>> 8);
        out[at + 3] = (byte) nonce;
        return at + NONCE_LENGTH;
    }
}
