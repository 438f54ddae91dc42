package dev.guildhall.bench.jmh;

import dev.guildhall.core.voice.RelayBenchAccess;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Why {@code aead_aes256_gcm_rtpsize} stays on the JDK's AES-GCM (docs/decisions.md): sealing one voice packet (12-byte
 * RTP header as associated data, 80 bytes of Opus) with the relay's {@code AesGcmAead} (a JDK {@code Cipher} kept per
 * connection, initialised per packet with the new nonce: AES-NI and CLMUL intrinsics) against Bouncy Castle's GCM
 * over its AES engine with reusable state (the key and its GHASH tables set up once, only the nonce changed per
 * packet). Run: {@code bench/run jmh AesGcmChoiceBench -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Duser.timezone=UTC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AesGcmChoiceBench {
    private static final int HEADER = 12;
    private final byte[] rtp = new byte[HEADER + 80];
    private final byte[] out = new byte[256];
    private RelayBenchAccess.CryptoPath jdk;
    private GCMModeCipher bouncyCastle;
    private int counter;

    @Setup
    public void setUp() {
        ThreadLocalRandom.current().nextBytes(rtp);
        rtp[0] = (byte) 0x80;
        jdk = new RelayBenchAccess.CryptoPath("aead_aes256_gcm_rtpsize");
        bouncyCastle = GCMBlockCipher.newInstance(AESEngine.newInstance());
        bouncyCastle.init(true, new AEADParameters(new KeyParameter(RelayBenchAccess.newKey()), 128, new byte[12]));
    }

    @Benchmark
    public int jdk() {
        return jdk.seal(rtp, rtp.length);
    }

    @Benchmark
    public int bouncyCastle() throws InvalidCipherTextException {
        int c = ++counter;
        byte[] nonce = {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c, 0, 0, 0, 0, 0, 0, 0, 0};
        bouncyCastle.init(true, new AEADParameters(null, 128, nonce)); // null key: the one set up before
        bouncyCastle.processAADBytes(rtp, 0, HEADER);
        int n = bouncyCastle.processBytes(rtp, HEADER, rtp.length - HEADER, out, 0);
        return n + bouncyCastle.doFinal(out, n);
    }
}
