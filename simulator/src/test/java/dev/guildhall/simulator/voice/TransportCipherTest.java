package dev.guildhall.simulator.voice;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TransportCipherTest {
    private static final byte[] KEY = new byte[32];

    static {
        new Random(5).nextBytes(KEY);
    }

    @Test
    void sealedPacketsHaveTheRtpsizeLayoutAndOpenAgain() throws Exception {
        byte[] rtp = new RtpStream(9, new Random(3)).nextPacket(77);
        byte[] sealed = new TransportCipher(KEY, 1000).seal(rtp);
        assertThat(sealed.length).isEqualTo(rtp.length + 16 + 4);
        assertThat(Arrays.copyOf(sealed, 12)).as("header in the clear").isEqualTo(Arrays.copyOf(rtp, 12));
        assertThat(ByteBuffer.wrap(sealed, sealed.length - 4, 4).getInt()).as("nonce appended").isEqualTo(1000);
        // what the relay does: AES-GCM, IV = nonce then zeros, header as associated data
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"),
                new GCMParameterSpec(128, ByteBuffer.allocate(12).putInt(1000).array()));
        c.updateAAD(sealed, 0, 12);
        assertThat(c.doFinal(sealed, 12, sealed.length - 16)).isEqualTo(Arrays.copyOfRange(rtp, 12, rtp.length));
        assertThat(new TransportCipher(KEY, 1).open(sealed, sealed.length)).isEqualTo(rtp);
    }

    @Test
    void tamperedOrForeignPacketsDoNotOpen() {
        TransportCipher cipher = new TransportCipher(KEY, 1);
        byte[] sealed = cipher.seal(new RtpStream(9, new Random(3)).nextPacket(1));
        byte[] tampered = sealed.clone();
        tampered[20] ^= 1;
        assertThat(cipher.open(tampered, tampered.length)).isNull();
        assertThat(new TransportCipher(new byte[32], 1).open(sealed, sealed.length)).isNull();
        assertThat(cipher.open(sealed, 20)).as("too short").isNull();
    }
}
