package dev.guildhall.bench.jmh;

import dev.guildhall.core.voice.RelayBenchAccess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The voice relay's per-packet crypto (docs/benchmarks.md, "Voice relay"): one 20 ms Opus frame ({@code payload}
 * bytes after a 12-byte RTP header) in each transport mode. {@code seal} is a client sealing it;
 * {@code sealAndForward} is that seal plus what the relay does per forwarded packet (open with the sender's key and
 * replay window, seal with the receiver's key and nonce): the relay's share is the difference. A fresh seal per
 * operation keeps every nonce new, as the replay window demands. Run: {@code bench/run jmh VoiceCryptoBench
 * -prof gc} (the gc profiler reports the bytes allocated per operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Duser.timezone=UTC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VoiceCryptoBench {
    @Param({"aead_aes256_gcm_rtpsize", "aead_xchacha20_poly1305_rtpsize"})
    public String mode;

    @Param({"80"})
    public int payload;

    private RelayBenchAccess.CryptoPath path;
    private byte[] rtp;
    private int sequence;

    @Setup
    public void setUp() {
        path = new RelayBenchAccess.CryptoPath(mode);
        rtp = new byte[12 + payload];
        ThreadLocalRandom.current().nextBytes(rtp);
        ByteBuffer.wrap(rtp).put((byte) 0x80).put((byte) 0x78);
    }

    @Benchmark
    public int seal() {
        return path.seal(nextPacket(), rtp.length);
    }

    @Benchmark
    public int sealAndForward() {
        return path.sealAndForward(nextPacket(), rtp.length);
    }

    private byte[] nextPacket() {
        int s = sequence++;
        rtp[2] = (byte) (s >>> 8);
        rtp[3] = (byte) s;
        return rtp;
    }
}
