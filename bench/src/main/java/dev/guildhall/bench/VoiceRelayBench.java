package dev.guildhall.bench;

import dev.guildhall.core.voice.RelayBenchAccess;
import dev.guildhall.core.voice.VoiceRelay;
import dev.guildhall.core.voice.VoiceRelayConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run voice-relay}: the voice UDP relay in this JVM (its own event loop thread, as in core-server) next
 * to a plain Netty UDP echo server built the same way (one event loop, pooled buffers, same transport), both driven
 * by the same load generator in the same run.
 * <ul>
 *   <li>Streams: {@code --streams} voice channels, each with one sending and one listening client; the sender's RTP
 *       is transport-encrypted ({@code aead_aes256_gcm_rtpsize}), the relay decrypts it, measures it and re-encrypts
 *       it for the listener (fan-out 1: one forwarded packet per packet in). The echo returns each datagram to its
 *       sender.</li>
 *   <li>Throughput: the generator sends as fast as it can for {@code --duration} s; delivered packets/s at the
 *       receivers.</li>
 *   <li>Latency: open loop at {@code --latency-rate} packets/s; send → arrival at the listener (relay) or back at
 *       the sender (echo): one pass through a server each. Added latency = relay − echo at each percentile.</li>
 *   <li>Memory per connected voice client: heap after GC before and after admitting, binding and keying
 *       {@code --memory-clients} sessions with their stream statistics, divided by their number.</li>
 * </ul>
 * The generator shares the machine with the servers: on few cores it competes with them, so the numbers are lower
 * bounds.
 */
final class VoiceRelayBench {
    private static final int HEADER = 12;

    private VoiceRelayBench() {
    }

    static Report run(Options options, Path results) throws Exception {
        int streams = options.integer("streams", 20);
        int warmup = options.integer("warmup", 3);
        int duration = options.integer("duration", 10);
        int latencyRate = options.integer("latency-rate", 5000);
        int payload = options.integer("payload", 80);
        int memoryClients = options.integer("memory-clients", 2000);
        options.rejectUnknown();
        Report report = new Report("voice-relay");
        report.config("streams " + streams + " (one sender, one listener each), payload " + payload
                + " bytes of Opus-like data, aead_aes256_gcm_rtpsize both ways");
        report.config("throughput: as fast as one generator thread sends for " + duration + " s after " + warmup
                + " s warm-up; latency: open loop at " + latencyRate + " packets/s for " + duration + " s");
        report.config("transport " + RelayBenchAccess.transportName() + ", one event loop thread per server");

        Phases echo;
        try (EchoServer server = EchoServer.start()) {
            Log.line("echo server on port " + server.port());
            echo = measure(Load.echo(server.address(), streams, payload), warmup, duration, latencyRate,
                    EchoServer.THREAD);
        }
        Phases relay;
        double forwardedByRelay;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VoiceRelay voice = relay(registry)) {
            Log.line("voice relay on port " + voice.boundPort());
            relay = measure(Load.relay(voice, streams, payload), warmup, duration, latencyRate,
                    RelayBenchAccess.THREAD);
            forwardedByRelay = registry.get("guildhall.voice.packets.forwarded").counter().count();
        }
        long bytesPerClient = memoryPerClient(memoryClients);

        report.result(String.format(Locale.ROOT, "echo: %,.0f packets/s delivered (%,d sent)", echo.pps,
                echo.sent));
        report.result(String.format(Locale.ROOT, "relay: %,.0f packets/s forwarded (%,d sent; relay counted %,.0f"
                + " forwarded in all phases) = %.0f %% of the echo", relay.pps, relay.sent, forwardedByRelay,
                100 * relay.pps / echo.pps));
        report.result(String.format(Locale.ROOT, "CPU per delivered packet in the throughput phase: echo server thread"
                + " %.2f µs (%.0f %% of a core), relay thread %.2f µs (%.0f %% of a core); the whole process"
                + " (generator included) %.2f µs (echo) and %.2f µs (relay)", echo.serverCpuMicros, echo.serverCore,
                relay.serverCpuMicros, relay.serverCore, echo.processCpuMicros, relay.processCpuMicros));
        report.result("echo latency: " + micros(echo.latency));
        report.result("relay latency: " + micros(relay.latency));
        long addedP50 = relay.latency.getValueAtPercentile(50) - echo.latency.getValueAtPercentile(50);
        long addedP99 = relay.latency.getValueAtPercentile(99) - echo.latency.getValueAtPercentile(99);
        report.result("relay added latency (relay - echo): p50 " + addedP50 + " µs, p99 " + addedP99 + " µs");
        report.result("memory per connected voice client: " + bytesPerClient + " bytes (heap, " + memoryClients
                + " sessions admitted, bound, keyed, with stream statistics)");
        report.target("relay >= 50 % of the echo's packet rate", relay.pps >= 0.5 * echo.pps);
        report.target("relay >= 100,000 forwarded packets/s", relay.pps >= 100_000);
        report.target("relay added latency p99 <= 1 ms", addedP99 <= 1000);
        return report;
    }

    /** p50 / p99 / p99.9 / max in µs: a relay's latencies are far below a millisecond on an idle machine. */
    private static String micros(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return "p50 " + h.getValueAtPercentile(50) + " µs, p99 " + h.getValueAtPercentile(99) + " µs, p99.9 "
                + h.getValueAtPercentile(99.9) + " µs, max " + h.getMaxValue() + " µs (n=" + h.getTotalCount() + ")";
    }

    private static VoiceRelay relay(SimpleMeterRegistry registry) {
        VoiceRelay relay = new VoiceRelay(new VoiceRelayConfig("127.0.0.1", 0, "127.0.0.1", "bench", "voice-bench",
                Duration.ofHours(1)), new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
                registry);
        relay.start();
        return relay;
    }

    /**
     * Throughput and latency of one target; CPU time per delivered packet in the throughput phase of the server's
     * event loop thread and of the whole process (less sensitive to a busy machine than the packet rate).
     */
    private record Phases(double pps, long sent, Histogram latency, double serverCpuMicros, double serverCore,
                          double processCpuMicros) {
    }

    private static Phases measure(Load load, int warmup, int duration, int latencyRate, String serverThread)
            throws Exception {
        try (load) {
            load.run(0, warmup, false);
            Log.line("throughput phase " + duration + " s");
            long server0 = threadCpuNanos(serverThread);
            long process0 = processCpuNanos();
            long wall0 = System.nanoTime();
            long[] counts = load.run(0, duration, false);
            double serverNanos = threadCpuNanos(serverThread) - server0;
            double processNanos = processCpuNanos() - process0;
            double wallNanos = System.nanoTime() - wall0;
            double pps = counts[1] / (double) duration;
            double delivered = Math.max(1, counts[1]);
            Log.line(String.format(Locale.ROOT, "  %,.0f packets/s delivered, server thread %.2f µs CPU per packet",
                    pps, serverNanos / 1000 / delivered));
            Log.line("latency phase " + duration + " s at " + latencyRate + " packets/s");
            load.latency.reset();
            load.run(latencyRate, duration, true);
            return new Phases(pps, counts[0], load.latency.copy(), serverNanos / 1000 / delivered,
                    100 * serverNanos / wallNanos, processNanos / 1000 / delivered);
        }
    }

    /** CPU time (user + system) of the live threads whose name starts with {@code prefix}. */
    private static long threadCpuNanos(String prefix) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long memoryPerClient(int clients) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VoiceRelay relay = relay(registry)) {
            long before = usedHeapAfterGc();
            List<RelayBenchAccess.Session> kept = new ArrayList<>(clients);
            for (int i = 0; i < clients; i++) {
                RelayBenchAccess.Session s = RelayBenchAccess.admit(relay, 1, 1 + i / 10, i + 1,
                        new InetSocketAddress("127.0.0.1", 1024 + i), RelayBenchAccess.newKey());
                s.startStream();
                kept.add(s);
            }
            long after = usedHeapAfterGc();
            if (kept.size() != relay.sessionCount()) {
                throw new IllegalStateException("sessions lost while measuring memory");
            }
            return Math.max(0, (after - before) / clients);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The generator: sender channels (one per stream) and receiving channels (the same ones for the echo, the
     * listeners' for the relay) on one selector thread; one sending thread. Each datagram is an RTP packet whose
     * ssrc and sequence number (in the clear, also after transport encryption) identify its send time.
     */
    private static final class Load implements AutoCloseable {
        private final List<DatagramChannel> senders = new ArrayList<>();
        private final List<DatagramChannel> receivers = new ArrayList<>();
        private final InetSocketAddress target;
        private final long[] ssrcs;
        private final Map<Long, Integer> streamOfSsrc = new HashMap<>();
        private final RelayBenchAccess.ClientCipher[] ciphers;
        private final long[][] sentAt;
        private final int payload;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);

        private Load(InetSocketAddress target, int streams, int payload, boolean encrypted) {
            this.target = target;
            this.payload = payload;
            this.ssrcs = new long[streams];
            this.ciphers = new RelayBenchAccess.ClientCipher[encrypted ? streams : 0];
            this.sentAt = new long[streams][1 << 16];
        }

        static Load echo(InetSocketAddress echo, int streams, int payload) throws IOException {
            Load load = new Load(echo, streams, payload, false);
            for (int i = 0; i < streams; i++) {
                DatagramChannel ch = open();
                load.senders.add(ch);
                load.receivers.add(ch);
                load.ssrcs[i] = 1000 + i;
                load.streamOfSsrc.put(1000L + i, i);
            }
            return load;
        }

        static Load relay(VoiceRelay relay, int streams, int payload) throws IOException {
            Load load = new Load(new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.boundPort()), streams,
                    payload, true);
            for (int i = 0; i < streams; i++) {
                DatagramChannel sender = open();
                DatagramChannel listener = open();
                byte[] key = RelayBenchAccess.newKey();
                RelayBenchAccess.Session s = RelayBenchAccess.admit(relay, 1, 100 + i, 2L * i + 1,
                        (InetSocketAddress) sender.getLocalAddress(), key);
                RelayBenchAccess.admit(relay, 1, 100 + i, 2L * i + 2, (InetSocketAddress) listener.getLocalAddress(),
                        RelayBenchAccess.newKey());
                load.ciphers[i] = new RelayBenchAccess.ClientCipher(key);
                load.senders.add(sender);
                load.receivers.add(listener);
                load.ssrcs[i] = s.ssrc();
                load.streamOfSsrc.put(s.ssrc(), i);
            }
            return load;
        }

        private static DatagramChannel open() throws IOException {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 21);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 21);
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ch.configureBlocking(false);
            return ch;
        }

        /** Sends for {@code seconds} (rate 0: as fast as possible); returns {sent, received}. */
        long[] run(int rate, int seconds, boolean recordLatency) throws Exception {
            AtomicLong received = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Thread receiver = new Thread(() -> receive(end + TimeUnit.MILLISECONDS.toNanos(200), received,
                    recordLatency), "bench-voice-rx");
            receiver.start();
            long sent = send(rate, end);
            receiver.join();
            drain();
            return new long[]{sent, received.get()};
        }

        /** Reads and drops what is still queued (a saturated server's backlog) until 300 ms pass without any. */
        private void drain() throws IOException {
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(300)) {
                boolean any = false;
                for (DatagramChannel ch : receivers) {
                    buf.clear();
                    while (ch.receive(buf) != null) {
                        buf.clear();
                        any = true;
                    }
                }
                if (any) {
                    quietSince = System.nanoTime();
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            }
        }

        private long send(int rate, long end) throws IOException {
            byte[] plain = new byte[HEADER + payload];
            byte[] sealed = new byte[plain.length + RelayBenchAccess.ClientCipher.overhead()];
            int[] seq = new int[senders.size()];
            long interval = rate > 0 ? 1_000_000_000L / rate : 0;
            long next = System.nanoTime();
            long sent = 0;
            int stream = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    return sent;
                }
                if (rate > 0 && now < next) {
                    if (next - now > 100_000) {
                        java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                    }
                    continue;
                }
                int s = seq[stream];
                seq[stream] = (s + 1) & 0xFFFF;
                ByteBuffer header = ByteBuffer.wrap(plain);
                header.put((byte) 0x80).put((byte) 0x78).putShort((short) s).putInt(960 * s)
                        .putInt((int) ssrcs[stream]);
                ByteBuffer datagram = ciphers.length == 0 ? ByteBuffer.wrap(plain)
                        : ByteBuffer.wrap(sealed, 0, ciphers[stream].seal(plain, plain.length, sealed));
                sentAt[stream][s] = System.nanoTime();
                if (senders.get(stream).send(datagram, target) > 0) {
                    sent++;
                }
                stream = (stream + 1) % senders.size();
                next += interval;
            }
        }

        private void receive(long until, AtomicLong received, boolean recordLatency) {
            try (Selector selector = Selector.open()) {
                for (DatagramChannel ch : receivers) {
                    ch.register(selector, SelectionKey.OP_READ);
                }
                ByteBuffer buf = ByteBuffer.allocateDirect(2048);
                while (System.nanoTime() < until) {
                    if (selector.select(50) == 0) {
                        continue;
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        DatagramChannel ch = (DatagramChannel) key.channel();
                        while (true) {
                            buf.clear();
                            if (ch.receive(buf) == null) {
                                break;
                            }
                            long now = System.nanoTime();
                            received.incrementAndGet();
                            if (recordLatency && buf.position() >= HEADER) {
                                Integer stream = streamOfSsrc.get(buf.getInt(8) & 0xFFFF_FFFFL);
                                if (stream != null) {
                                    long at = sentAt[stream][buf.getShort(2) & 0xFFFF];
                                    latency.recordValue(Math.min(latency.getHighestTrackableValue(),
                                            Math.max(0, (now - at) / 1000)));
                                }
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new IllegalStateException("receiving failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            for (DatagramChannel ch : senders) {
                ch.close();
            }
            for (DatagramChannel ch : receivers) {
                ch.close();
            }
        }
    }

    /**
     * A plain Netty UDP echo built as the relay is: same transport and socket options (read batches, one flush per
     * read round), one event loop thread, pooled buffers.
     */
    private static final class EchoServer implements AutoCloseable {
        static final String THREAD = "bench-echo";
        private final EventLoopGroup group;
        private final Channel channel;

        private EchoServer(EventLoopGroup group, Channel channel) {
            this.group = group;
            this.channel = channel;
        }

        static EchoServer start() {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(THREAD, true),
                    RelayBenchAccess.transportIoHandlerFactory());
            Channel channel = RelayBenchAccess.udpBootstrap(group)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>(false) {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            ctx.write(new DatagramPacket(packet.content(), packet.sender()), ctx.voidPromise());
                        }

                        @Override
                        public void channelReadComplete(ChannelHandlerContext ctx) {
                            ctx.flush(); // as the relay: a read round's datagrams leave together
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
            return new EchoServer(group, channel);
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
        }

        @Override
        public void close() {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
