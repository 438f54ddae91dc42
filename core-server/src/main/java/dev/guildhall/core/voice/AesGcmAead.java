package dev.guildhall.core.voice;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * {@code aead_aes256_gcm_rtpsize} with the JDK's AES-GCM: 12-byte nonce = the 4-byte big-endian counter followed by
 * 8 zero bytes (what Discord's clients and JDA use), 16-byte tag.
 */
final class AesGcmAead implements Aead {
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];

    AesGcmAead(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
        }
    }

    @Override
    public int seal(int counter, byte[] aad, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(counter));
            cipher.updateAAD(aad, 0, aadLen);
            return cipher.doFinal(in, inOff, inLen, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public int open(int counter, byte[] aad, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        if (inLen < TAG_LENGTH) {
            return -1;
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec(counter));
            cipher.updateAAD(aad, 0, aadLen);
            return cipher.doFinal(in, inOff, inLen, out, outOff);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    private GCMParameterSpec spec(int counter) {
        nonce[0] = (byte) (counter >>> 24);
        nonce[1] = (byte) (counter >>> 16);
        nonce[2] = (byte) (counter >>> 8);
        nonce[3] = (byte) counter;
        return new GCMParameterSpec(TAG_LENGTH * 8, nonce);
    }
}
