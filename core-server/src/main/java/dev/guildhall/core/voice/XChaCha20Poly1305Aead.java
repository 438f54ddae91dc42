package dev.guildhall.core.voice;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * {@code aead_xchacha20_poly1305_rtpsize}: XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) built from HChaCha20 and
 * Bouncy Castle's RFC 8439 ChaCha20-Poly1305. The 24-byte nonce is the 4-byte big-endian counter followed by 20
 * zero bytes; the subkey is HChaCha20(key, nonce[0..16)), the ChaCha20 nonce 4 zero bytes + nonce[16..24).
 * Per packet only the subkey's key parameter is allocated here (the key's words and the HChaCha20 state are kept).
 */
final class XChaCha20Poly1305Aead implements Aead {
    private final int[] keyWords = new int[8];
    private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    private final byte[] subkey = new byte[32];
    private final byte[] chachaNonce = new byte[12]; // 4 zero bytes + nonce[16..24), all zero with a 4-byte counter
    private final int[] state = new int[16]; // HChaCha20 scratch

    XChaCha20Poly1305Aead(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 needs a 32-byte key");
        }
        for (int i = 0; i < 8; i++) {
            keyWords[i] = littleEndian(key, 4 * i);
        }
    }

    @Override
    public int seal(int counter, byte[] aad, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        init(true, counter, aad, aadLen);
        try {
            int n = cipher.processBytes(in, inOff, inLen, out, outOff);
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("XChaCha20-Poly1305 encryption failed", e);
        }
    }

    @Override
    public int open(int counter, byte[] aad, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        if (inLen < TAG_LENGTH) {
            return -1;
        }
        init(false, counter, aad, aadLen);
        try {
            int n = cipher.processBytes(in, inOff, inLen, out, outOff);
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException | IllegalStateException e) {
            return -1;
        }
    }

    /** The subkey of this nonce, then Bouncy Castle's ChaCha20-Poly1305 keyed with it (16-byte tag). */
    private void init(boolean encrypt, int counter, byte[] aad, int aadLen) {
        // the nonce's first 16 bytes as little-endian words: the big-endian counter, then zeros
        hChaCha20(keyWords, Integer.reverseBytes(counter), 0, 0, 0, state, subkey);
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(subkey), chachaNonce));
        cipher.processAADBytes(aad, 0, aadLen);
    }

    /** HChaCha20 (draft-irtf-cfrg-xchacha section 2.2): 20 ChaCha rounds, output words 0-3 and 12-15. */
    static void hChaCha20(byte[] key, byte[] nonce16, byte[] out) {
        int[] keyWords = new int[8];
        for (int i = 0; i < 8; i++) {
            keyWords[i] = littleEndian(key, 4 * i);
        }
        hChaCha20(keyWords, littleEndian(nonce16, 0), littleEndian(nonce16, 4), littleEndian(nonce16, 8),
                littleEndian(nonce16, 12), new int[16], out);
    }

    /** HChaCha20 of the key's and the nonce's little-endian words, in scratch {@code x} (16 words). */
    private static void hChaCha20(int[] keyWords, int n0, int n1, int n2, int n3, int[] x, byte[] out) {
        x[0] = 0x61707865;
        x[1] = 0x3320646e;
        x[2] = 0x79622d32;
        x[3] = 0x6b206574;
        System.arraycopy(keyWords, 0, x, 4, 8);
        x[12] = n0;
        x[13] = n1;
        x[14] = n2;
        x[15] = n3;
        for (int round = 0; round < 10; round++) {
            quarter(x, 0, 4, 8, 12);
            quarter(x, 1, 5, 9, 13);
            quarter(x, 2, 6, 10, 14);
            quarter(x, 3, 7, 11, 15);
            quarter(x, 0, 5, 10, 15);
            quarter(x, 1, 6, 11, 12);
            quarter(x, 2, 7, 8, 13);
            quarter(x, 3, 4, 9, 14);
        }
        for (int i = 0; i < 4; i++) {
            putLittleEndian(x[i], out, 4 * i);
            putLittleEndian(x[12 + i], out, 16 + 4 * i);
        }
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }

    private static int littleEndian(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private static void putLittleEndian(int v, byte[] b, int off) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
