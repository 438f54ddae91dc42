package dev.guildhall.core.voice;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@code aead_xchacha20_poly1305_rtpsize}: XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) built from HChaCha20 and
 * Bouncy Castle's RFC 8439 ChaCha20-Poly1305. The 24-byte nonce is the 4-byte big-endian counter followed by 20
 * zero bytes; the subkey is HChaCha20(key, nonce[0..16)), the ChaCha20 nonce 4 zero bytes + nonce[16..24).
 */
final class XChaCha20Poly1305Aead implements Aead {
    private final byte[] key;
    private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    private final byte[] hNonce = new byte[16];
    private final byte[] subkey = new byte[32];
    private final byte[] chachaNonce = new byte[12]; // 4 zero bytes + nonce[16..24), all zero with a 4-byte counter

    XChaCha20Poly1305Aead(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 needs a 32-byte key");
        }
        this.key = key.clone();
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

    private void init(boolean encrypt, int counter, byte[] aad, int aadLen) {
        hNonce[0] = (byte) (counter >>> 24);
        hNonce[1] = (byte) (counter >>> 16);
        hNonce[2] = (byte) (counter >>> 8);
        hNonce[3] = (byte) counter;
        hChaCha20(key, hNonce, subkey);
        cipher.init(encrypt, new AEADParameters(new KeyParameter(subkey), TAG_LENGTH * 8, chachaNonce));
        cipher.processAADBytes(aad, 0, aadLen);
    }

    /** HChaCha20 (draft-irtf-cfrg-xchacha section 2.2): 20 ChaCha rounds, output words 0-3 and 12-15. */
    static void hChaCha20(byte[] key, byte[] nonce16, byte[] out) {
        int[] x = new int[16];
        x[0] = 0x61707865;
        x[1] = 0x3320646e;
        x[2] = 0x79622d32;
        x[3] = 0x6b206574;
        for (int i = 0; i < 8; i++) {
            x[4 + i] = littleEndian(key, 4 * i);
        }
        for (int i = 0; i < 4; i++) {
            x[12 + i] = littleEndian(nonce16, 4 * i);
        }
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
