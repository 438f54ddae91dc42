package dev.guildhall.core.voice;

/**
 * One AEAD algorithm of a voice transport mode, bound to a 32-byte key. Not thread-safe: one instance is used by
 * one thread at a time (the relay's event loop).
 */
interface Aead {
    /** Authentication tag length of both modes. */
    int TAG_LENGTH = 16;

    /**
     * Encrypts {@code in[inOff, inOff+inLen)} into {@code out} at {@code outOff} (ciphertext then tag) with the
     * 4-byte big-endian counter nonce, authenticating {@code aad[0, aadLen)}; returns the bytes written.
     */
    int seal(int nonce, byte[] aad, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff);

    /**
     * Decrypts ciphertext+tag {@code in[inOff, inOff+inLen)} into {@code out} at {@code outOff}; returns the
     * plaintext length, or -1 when authentication fails.
     */
    int open(int nonce, byte[] aad, int aadLen, byte[] in, int inOff, int inLen, byte[] out, int outOff);
}
