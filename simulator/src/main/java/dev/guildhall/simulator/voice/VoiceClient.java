package dev.guildhall.simulator.voice;

import dev.guildhall.simulator.api.ApiCallException;
import dev.guildhall.simulator.api.CoreApi;
import dev.guildhall.simulator.api.VoiceGrant;
import dev.guildhall.simulator.metrics.SimulatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One user talking in a voice channel through the skeleton voice protocol: {@code POST /channels/{id}/voice/join},
 * UDP HELLO until HELLO_ACK (and every 5 s as keepalive), then RTP packets every 20 ms in talk spurts; counts the
 * packets the relay forwards from the others. Without a HELLO_ACK for 20 s it joins again (core-server restarted).
 * {@link #tick(long)} is called every 20 ms by {@link VoiceClients}.
 */
public final class VoiceClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceClient.class);
    static final long HELLO_RETRY_MS = 1000;
    static final long KEEPALIVE_MS = 5000;
    static final long REJOIN_AFTER_MS = 20_000;
    static final long JOIN_RETRY_MS = 5000;

    private final String username;
    private final String token;
    private final String channelId;
    private final CoreApi api;
    private final SimulatorMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Executor joiner;
    private final Random random;
    private final Impairment impairment;
    private final TalkPattern talk;

    private volatile DatagramSocket socket;
    private volatile InetSocketAddress relay;
    private volatile VoiceGrant grant;
    private volatile RtpStream stream;
    private volatile boolean bound;
    private volatile long lastAckMs;
    private volatile boolean closed;
    private long lastHelloMs;
    private long nextJoinMs;
    private boolean joining;
    private Thread receiver;

    public VoiceClient(String username, String token, String channelId, CoreApi api, SimulatorMetrics metrics,
                       ScheduledExecutorService scheduler, Executor joiner, Random random, Impairment impairment) {
        this.username = username;
        this.token = token;
        this.channelId = channelId;
        this.api = api;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.joiner = joiner;
        this.random = random;
        this.impairment = impairment;
        this.talk = new TalkPattern(random);
    }

    public boolean impaired() {
        return impairment != null;
    }

    public boolean isBound() {
        return bound;
    }

    /** One 20 ms frame. Never throws. */
    public synchronized void tick(long nowMs) {
        if (closed) {
            return;
        }
        try {
            if (grant == null) {
                if (nowMs >= nextJoinMs && !joining) {
                    joining = true;
                    joiner.execute(this::join);
                }
                return;
            }
            if (bound && nowMs - lastAckMs > REJOIN_AFTER_MS) {
                log.info("voice {}: no HELLO_ACK for {} s, joining again", username, REJOIN_AFTER_MS / 1000);
                unbind();
                grant = null;
                nextJoinMs = nowMs;
                return;
            }
            long helloEvery = bound ? KEEPALIVE_MS : HELLO_RETRY_MS;
            if (nowMs - lastHelloMs >= helloEvery) {
                send(RtpPacket.hello(grant.ssrc(), grant.sessionToken()));
                lastHelloMs = nowMs;
                if (!bound && lastAckMs == 0 && nowMs - nextJoinMs > REJOIN_AFTER_MS) {
                    log.warn("voice {}: relay {} does not answer HELLO; joining again", username, relay);
                    grant = null;
                    nextJoinMs = nowMs + JOIN_RETRY_MS;
                    return;
                }
            }
            if (!bound) {
                return;
            }
            if (!talk.nextFrameTalks()) {
                stream.silence();
                return;
            }
            if (impairment != null && impairment.drop(nowMs)) {
                stream.skipPacket();
                metrics.voicePacketsDropped.increment();
                return;
            }
            byte[] packet = stream.nextPacket();
            int delay = impairment == null ? 0 : impairment.delayMs(nowMs);
            if (delay == 0) {
                send(packet);
                metrics.voicePacketsSent.increment();
            } else {
                scheduler.schedule(() -> {
                    send(packet);
                    metrics.voicePacketsSent.increment();
                }, delay, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopped) {
            closed = true;
        } catch (RuntimeException e) {
            log.warn("voice {}: frame failed: {}", username, e.toString());
        }
    }

    /** Runs on the join executor (an HTTP call must not stall the 20 ms clock). */
    private void join() {
        VoiceGrant g = null;
        String failure = null;
        try {
            g = api.joinVoice(token, channelId);
        } catch (ApiCallException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = e.toString();
        }
        synchronized (this) {
            joining = false;
            long nowMs = System.currentTimeMillis();
            if (closed) {
                return;
            }
            try {
                if (g == null) {
                    throw new IOException(failure);
                }
                ensureSocket();
                relay = new InetSocketAddress(g.udpHost(), g.udpPort());
                stream = new RtpStream(g.ssrc(), random);
                grant = g;
                lastHelloMs = 0;
                lastAckMs = 0;
                nextJoinMs = nowMs;
                metrics.voiceJoins.increment();
                log.info("voice {} joined channel={} ssrc={} relay={}:{} region={} impaired={}", username, channelId,
                        g.ssrc(), g.udpHost(), g.udpPort(), g.region(), impaired());
            } catch (IOException e) {
                nextJoinMs = nowMs + JOIN_RETRY_MS;
                log.warn("voice {}: join of channel {} failed, retrying in {} s: {}", username, channelId,
                        JOIN_RETRY_MS / 1000, e.getMessage());
            }
        }
    }

    private void ensureSocket() throws SocketException {
        if (socket != null) {
            return;
        }
        DatagramSocket s = new DatagramSocket();
        s.setSoTimeout(1000);
        socket = s;
        receiver = new Thread(this::receive, "voice-rx-" + username);
        receiver.setDaemon(true);
        receiver.start();
    }

    private void receive() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                socket.receive(p);
            } catch (SocketTimeoutException idle) {
                continue;
            } catch (IOException e) {
                if (!closed) {
                    log.debug("voice {} receive failed: {}", username, e.toString());
                }
                continue;
            }
            VoiceGrant g = grant;
            if (g != null && RtpPacket.isHelloAck(buf, p.getLength(), g.ssrc())) {
                lastAckMs = System.currentTimeMillis();
                metrics.voiceHelloAcks.increment();
                if (!bound) {
                    bound = true;
                    metrics.voiceClientsBound.incrementAndGet();
                    log.info("voice {} bound ssrc={}", username, g.ssrc());
                }
            } else if (RtpPacket.isRtp(buf, p.getLength())) {
                metrics.voicePacketsReceived.increment();
            }
        }
    }

    private void send(byte[] data) {
        DatagramSocket s = socket;
        InetSocketAddress to = relay;
        if (s == null || to == null || closed) {
            return;
        }
        try {
            s.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            log.debug("voice {} send failed: {}", username, e.toString());
        }
    }

    private void unbind() {
        if (bound) {
            bound = false;
            metrics.voiceClientsBound.decrementAndGet();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        unbind();
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
