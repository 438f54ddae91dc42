package dev.guildhall.core.voice;

import dev.guildhall.events.Snowflakes;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The voice UDP relay of the walking skeleton (docs/runtime-contract.md, "Voice").
 * <p>{@link #admit} hands out an ssrc and a session token; the client's HELLO datagram binds the ssrc to its address;
 * RTP from that address is forwarded unchanged to every other bound member of the channel. Per stream the relay
 * measures RFC 3550 jitter and loss and publishes a {@code voice.quality} event every sample interval.
 * <p>Pipeline (one handler per concern): {@link VoiceDatagramDecoder} (classify, validate) →
 * {@link SessionBindingHandler} (HELLO binding, source check) → {@link KeepaliveHandler} (keepalive echo, RTT probe
 * echoes) → {@link TransportDecryptHandler} → {@link StreamStatsHandler} (statistics) → {@link ForwardingHandler}
 * (fan-out). {@link RttProber} probes RTT every second, {@link QualitySampler} publishes every sample interval. One
 * event loop thread (epoll when available, NIO otherwise), pooled buffers; up to {@link #READ_BATCH} datagrams per
 * read round, the forwarded ones flushed together at its end ({@code recvmmsg} / {@code sendmmsg} on epoll).
 */
public final class VoiceRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceRelay.class);
    /** Sessions without any datagram, and streams without RTP, for this long are dropped. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Larger datagrams are dropped as oversized (the receive buffer holds one byte more to notice them). */
    static final int MAX_DATAGRAM = 2048;
    /**
     * Datagrams read per round before the forwarded ones are flushed: fewer system calls per packet under load, at
     * most this many packets' processing time (tens of µs) added to the first packet of a full round.
     */
    static final int READ_BATCH = 16;
    /** Name prefix of the relay's event loop thread. */
    static final String THREAD = "voice-relay";

    private final VoiceRelayConfig config;
    private final Duration idleTimeout;
    private final VoiceSessions sessions = new VoiceSessions();
    private final VoiceRelayMetrics metrics;
    private final QualitySamplePublisher publisher;
    private final QualitySampler sampler;

    private EventLoopGroup group;
    private Channel channel;
    private ScheduledFuture<?> samplerTask;
    private ScheduledFuture<?> proberTask;
    private volatile int boundPort = -1;

    public VoiceRelay(VoiceRelayConfig config, Producer<String, byte[]> producer, MeterRegistry registry) {
        this(config, producer, registry, DEFAULT_IDLE_TIMEOUT);
    }

    VoiceRelay(VoiceRelayConfig config, Producer<String, byte[]> producer, MeterRegistry registry,
               Duration idleTimeout) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(registry, "registry");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.metrics = new VoiceRelayMetrics(registry, sessions, config.region(), config.voiceServerId());
        Snowflakes ids = new Snowflakes(Math.floorMod(config.voiceServerId().hashCode(), 32),
                (int) (ProcessHandle.current().pid() % 32));
        this.publisher = new QualitySamplePublisher(producer, ids, "voice-relay@" + config.voiceServerId(), metrics);
        this.sampler = new QualitySampler(sessions, publisher, metrics, config.region(), config.voiceServerId(),
                idleTimeout.toNanos());
    }

    /** Binds the UDP port and starts relaying and sampling. */
    public synchronized void start() {
        if (channel != null) {
            throw new IllegalStateException("voice relay already started");
        }
        UdpTransport transport = UdpTransport.best();
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(THREAD, true),
                transport.ioHandlerFactory());
        VoiceDatagramDecoder decoder = new VoiceDatagramDecoder(metrics);
        SessionBindingHandler binding = new SessionBindingHandler(sessions, metrics);
        KeepaliveHandler keepalive = new KeepaliveHandler(sessions, metrics);
        TransportDecryptHandler decrypt = new TransportDecryptHandler(metrics);
        StreamStatsHandler stats = new StreamStatsHandler(metrics);
        ForwardingHandler forwarding = new ForwardingHandler(sessions, metrics);
        Bootstrap bootstrap = udpBootstrap(group, transport)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("decode", decoder)
                                .addLast("bind", binding)
                                .addLast("keepalive", keepalive)
                                .addLast("decrypt", decrypt)
                                .addLast("stats", stats)
                                .addLast("forward", forwarding);
                    }
                });
        try {
            channel = bootstrap.bind(new InetSocketAddress(config.bindHost(), config.udpPort())).syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
            throw new IllegalStateException("cannot bind voice UDP " + config.bindHost() + ":" + config.udpPort()
                    + ": " + e.getMessage(), e);
        }
        boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
        long interval = config.sampleInterval().toNanos();
        samplerTask = channel.eventLoop().scheduleAtFixedRate(sampler, interval, interval, TimeUnit.NANOSECONDS);
        proberTask = channel.eventLoop().scheduleAtFixedRate(
                new RttProber(sessions, metrics, channel, idleTimeout.toNanos()), RttProber.INTERVAL_MS,
                RttProber.INTERVAL_MS, TimeUnit.MILLISECONDS);
        log.info("voice relay listening udp={}:{} transport={} region={} voice_server={} sample_interval={}",
                config.bindHost(), boundPort, transport.name(), config.region(), config.voiceServerId(),
                config.sampleInterval());
    }

    /**
     * The relay's UDP socket (the benchmark's echo server uses the same): pooled buffers, 1 MiB socket buffers, and
     * at most {@link #READ_BATCH} datagrams per read round, after which {@link ForwardingHandler} flushes what it
     * wrote (one {@code sendmmsg} on epoll). On epoll one receive buffer holds the whole batch, each datagram in its
     * own {@code MAX_DATAGRAM + 1} bytes (one {@code recvmmsg}); NIO reads one datagram per buffer.
     */
    static Bootstrap udpBootstrap(EventLoopGroup group, UdpTransport transport) {
        boolean batchedReads = transport.maxDatagramPayloadSize() != null;
        RecvByteBufAllocator receive = new FixedRecvByteBufAllocator((MAX_DATAGRAM + 1) * (batchedReads ? READ_BATCH
                : 1)).maxMessagesPerRead(READ_BATCH);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.channelType())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, receive)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20);
        if (batchedReads) {
            bootstrap.option(transport.maxDatagramPayloadSize(), MAX_DATAGRAM + 1);
        }
        return bootstrap;
    }

    /** The UDP port actually bound (differs from the configured one when that is 0); -1 before {@link #start}. */
    public int boundPort() {
        return boundPort;
    }

    /**
     * Admit a user to a voice channel: allocates an ssrc and a fresh, unguessable session token. A user has at most
     * one voice session per channel; admitting again replaces (and unbinds) the earlier one.
     */
    public VoiceGrant admit(long guildId, long channelId, long userId) {
        VoiceSession session = sessions.admit(guildId, channelId, userId, false, System.nanoTime());
        int port = boundPort >= 0 ? boundPort : config.udpPort();
        log.debug("voice session admitted ssrc={} guild={} channel={} user={}", session.ssrc, guildId, channelId, userId);
        return new VoiceGrant(session.ssrc, config.publicHost(), port,
                new String(session.token, java.nio.charset.StandardCharsets.US_ASCII), config.region(),
                config.voiceServerId());
    }

    /**
     * Admit a voice gateway connection: a session with a fresh ssrc whose RTP is transport-encrypted once
     * {@link VoiceSession#crypto} is set; it binds to an address by IP discovery or {@link #bind}.
     */
    VoiceSession admitEncrypted(long guildId, long channelId, long userId) {
        VoiceSession session = sessions.admit(guildId, channelId, userId, true, System.nanoTime());
        log.debug("voice session admitted ssrc={} guild={} channel={} user={} encrypted=true", session.ssrc, guildId,
                channelId, userId);
        return session;
    }

    /** Binds a session to the address its client announced (SELECT_PROTOCOL); false if the session is gone. */
    boolean bind(VoiceSession session, InetSocketAddress address) {
        return sessions.bind(session, address);
    }

    /** Forgets a session (its voice connection ended); idempotent. */
    void release(VoiceSession session) {
        sessions.remove(session);
    }

    /** Whether the session is still admitted (not replaced, released or expired). */
    boolean isAdmitted(VoiceSession session) {
        return sessions.bySsrc(session.ssrc) == session;
    }

    /** Keeps a session from expiring while its voice gateway connection heartbeats. */
    void touch(VoiceSession session) {
        session.lastActivityNanos = System.nanoTime();
    }

    /** Announced UDP host of this relay (READY's {@code ip}). */
    String publicHost() {
        return config.publicHost();
    }

    String region() {
        return config.region();
    }

    String voiceServerId() {
        return config.voiceServerId();
    }

    /** End a user's voice session in a channel (left the channel); false if there was none. */
    public boolean release(long channelId, long userId) {
        VoiceSession session = sessions.byMember(channelId, userId);
        if (session == null) {
            return false;
        }
        sessions.remove(session);
        return true;
    }

    /** Number of admitted sessions (bound or not). */
    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public synchronized void close() {
        if (samplerTask != null) {
            samplerTask.cancel(false);
            samplerTask = null;
        }
        if (proberTask != null) {
            proberTask.cancel(false);
            proberTask = null;
        }
        if (channel != null) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
        }
        publisher.close();
        boundPort = -1;
    }

    // visible for tests
    VoiceRelayMetrics metrics() {
        return metrics;
    }

    /** Run one sampling round now, on the event loop (tests). */
    void sampleNow() {
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().submit(sampler).syncUninterruptibly();
        }
    }
}
