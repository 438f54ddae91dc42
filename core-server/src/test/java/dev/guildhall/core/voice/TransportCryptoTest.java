package dev.guildhall.core.voice;

import com.google.crypto.tink.aead.internal.InsecureNonceXChaCha20Poly1305;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rtpsize transport modes against independent implementations: Tink's XChaCha20-Poly1305 (what JDA uses) and a
 * plain JDK AES-GCM with the nonce layout Discord's clients use; plus the HChaCha20 vector of
 * draft-irtf-cfrg-xchacha, replay and tamper refusal, and the extension-header rule.
 */
class TransportCryptoTest {
    private static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) (i * 7 + 3);
        }
    }

    private static byte[] rtp(boolean extension, int csrcs, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * csrcs + (extension ? 8 : 0) + payload.length);
        b.put((byte) (0x80 | (extension ? 0x10 : 0) | csrcs)).put((byte) 0x78).putShort((short) 513).putInt(96_000)
                .putInt(0x01020304);
        for (int i = 0; i < csrcs; i++) {
            b.putInt(1000 + i);
        }
        if (extension) {
            b.putShort((short) 0xBEDE).putShort((short) 1).putInt(0x11223344); // preamble + 1 word of body
        }
        b.put(payload);
        return b.array();
    }

    @Test
    void hChaCha20MatchesTheDraftVector() {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        byte[] nonce = HexFormat.of().parseHex("000000090000004a0000000031415927");
        byte[] out = new byte[32];
        XChaCha20Poly1305Aead.hChaCha20(key, nonce, out);
        assertThat(HexFormat.of().formatHex(out))
                .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
    }

    @Test
    void xChaChaPacketsMatchTink() throws Exception {
        byte[] plain = rtp(true, 1, "opus-frame-bytes".getBytes());
        TransportCrypto crypto = new TransportCrypto(TransportCrypto.XCHACHA20_POLY1305, KEY);
        byte[] sealed = new byte[plain.length + TransportCrypto.OVERHEAD];
        int n = crypto.encrypt(plain, plain.length, sealed);
        assertThat(n).isEqualTo(plain.length + 20);
        int header = 12 + 4 + 4; // header + 1 CSRC + extension preamble (its body is encrypted)
        byte[] nonce = new byte[24];
        System.arraycopy(sealed, n - 4, nonce, 0, 4);
        byte[] aad = Arrays.copyOf(sealed, header);
        byte[] fromTink = new InsecureNonceXChaCha20Poly1305(KEY).decrypt(nonce,
                Arrays.copyOfRange(sealed, header, n - 4), aad);
        assertThat(fromTink).isEqualTo(Arrays.copyOfRange(plain, header, plain.length));

        // and the other way round: Tink encrypts as JDA does, the relay decrypts
        nonce = new byte[24];
        nonce[3] = 42;
        byte[] ct = new InsecureNonceXChaCha20Poly1305(KEY).encrypt(nonce,
                Arrays.copyOfRange(plain, header, plain.length), Arrays.copyOf(plain, header));
        byte[] packet = ByteBuffer.allocate(header + ct.length + 4).put(plain, 0, header).put(ct).putInt(42).array();
        TransportCrypto receiver = new TransportCrypto(TransportCrypto.XCHACHA20_POLY1305, KEY);
        byte[] out = new byte[packet.length];
        assertThat(receiver.decrypt(packet, packet.length, out)).isEqualTo(plain.length);
        assertThat(Arrays.copyOf(out, plain.length)).isEqualTo(plain);
    }

    @Test
    void aesGcmPacketsMatchTheJdkWithDiscordsNonceLayout() throws Exception {
        byte[] plain = rtp(false, 0, new byte[]{(byte) 0xF8, (byte) 0xFF, (byte) 0xFE});
        TransportCrypto crypto = new TransportCrypto(TransportCrypto.AES256_GCM, KEY);
        byte[] sealed = new byte[plain.length + TransportCrypto.OVERHEAD];
        int n = crypto.encrypt(plain, plain.length, sealed);
        byte[] iv = new byte[12];
        System.arraycopy(sealed, n - 4, iv, 0, 4); // counter first, 8 zero bytes after
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, iv));
        jdk.updateAAD(sealed, 0, 12);
        assertThat(jdk.doFinal(sealed, 12, n - 16)).containsExactly(0xF8, 0xFF, 0xFE);
        assertThat(Arrays.copyOf(sealed, 12)).isEqualTo(Arrays.copyOf(plain, 12)); // header in the clear
    }

    @Test
    void refusesReplayedTamperedAndForeignPackets() {
        for (String mode : TransportCrypto.MODES) {
            TransportCrypto sender = new TransportCrypto(mode, KEY);
            TransportCrypto receiver = new TransportCrypto(mode, KEY);
            byte[] out = new byte[256];
            byte[][] packets = new byte[3][];
            for (int i = 0; i < 3; i++) {
                byte[] plain = rtp(false, 0, ("frame" + i).getBytes());
                byte[] sealed = new byte[plain.length + 20];
                packets[i] = Arrays.copyOf(sealed, sender.encrypt(plain, plain.length, sealed));
            }
            assertThat(receiver.decrypt(packets[1], packets[1].length, out)).isPositive();
            assertThat(receiver.decrypt(packets[0], packets[0].length, out)).isPositive(); // late, in window
            assertThat(receiver.decrypt(packets[1], packets[1].length, out)).isEqualTo(TransportCrypto.REPLAYED);
            byte[] tampered = packets[2].clone();
            tampered[13] ^= 1;
            assertThat(receiver.decrypt(tampered, tampered.length, out)).isEqualTo(TransportCrypto.UNDECRYPTABLE);
            assertThat(receiver.decrypt(packets[2], packets[2].length, out)).isPositive();
            byte[] otherKey = KEY.clone();
            otherKey[0] ^= 1;
            assertThat(new TransportCrypto(mode, otherKey).decrypt(packets[2], packets[2].length, out))
                    .isEqualTo(TransportCrypto.UNDECRYPTABLE);
            assertThat(receiver.decrypt(packets[2], 15, out)).isEqualTo(TransportCrypto.UNDECRYPTABLE);
        }
    }
}
