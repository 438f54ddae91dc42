package dev.guildhall.core.voice;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage, truncated and bit-flipped datagrams are refused by the transport decryption, never thrown on. */
class TransportCryptoPropertiesTest {
    private static final byte[] KEY = new byte[32];

    @Property(tries = 300)
    void garbageIsRefused(@ForAll @Size(max = 300) byte[] datagram, @ForAll boolean xchacha) {
        TransportCrypto crypto = new TransportCrypto(xchacha ? TransportCrypto.XCHACHA20_POLY1305
                : TransportCrypto.AES256_GCM, KEY);
        assertThat(crypto.decrypt(datagram, datagram.length, new byte[Math.max(1, datagram.length)])).isNegative();
    }

    @Property(tries = 300)
    void anyFlippedBitOrTruncationIsRefused(@ForAll @Size(min = 1, max = 200) byte[] opus,
                                            @ForAll @IntRange(min = 0, max = 10_000) int position,
                                            @ForAll boolean truncate, @ForAll boolean xchacha) {
        String mode = xchacha ? TransportCrypto.XCHACHA20_POLY1305 : TransportCrypto.AES256_GCM;
        byte[] plain = new byte[12 + opus.length];
        plain[0] = (byte) 0x80;
        plain[1] = 0x78;
        System.arraycopy(opus, 0, plain, 12, opus.length);
        byte[] sealed = new byte[plain.length + TransportCrypto.OVERHEAD];
        int n = new TransportCrypto(mode, KEY).encrypt(plain, plain.length, sealed);
        int length = n;
        if (truncate) {
            length = position % n;
        } else {
            // any bit outside the nonce (a changed nonce is another, also unauthenticated, packet)
            int bit = position % ((n - TransportCrypto.NONCE_LENGTH) * 8);
            sealed[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        assertThat(new TransportCrypto(mode, KEY).decrypt(sealed, length, new byte[n])).isNegative();
    }
}
