package dev.guildhall.simulator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/** The simulator's Prometheus metrics (names start with guildhall_sim_). */
public final class SimulatorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public final Counter messagesSent = counter("guildhall.sim.messages.sent", "chat messages accepted by core-server");
    public final Counter messagesFailed = counter("guildhall.sim.messages.failed", "chat messages that failed");
    public final Counter gatewayMessageCreates = counter("guildhall.sim.gateway.message.create.received",
            "MESSAGE_CREATE dispatches received on the gateway sessions");
    public final Counter gatewayConnects = counter("guildhall.sim.gateway.connects", "gateway sessions opened (READY)");
    public final Counter gatewayHeartbeatAcks = counter("guildhall.sim.gateway.heartbeat.acks", "heartbeat ACKs received");
    public final Counter voicePacketsSent = counter("guildhall.sim.voice.packets.sent", "RTP packets sent to the relay");
    public final Counter voicePacketsDropped = counter("guildhall.sim.voice.packets.impaired.dropped",
            "RTP packets deliberately not sent (impairment)");
    public final Counter voicePacketsReceived = counter("guildhall.sim.voice.packets.received",
            "RTP packets forwarded to us by the relay (decrypted)");
    public final Counter voicePacketsLost = counter("guildhall.sim.voice.packets.lost",
            "RTP packets of others that never arrived (sequence gaps, per listener)");
    public final Counter voicePacketsLate = counter("guildhall.sim.voice.packets.late",
            "RTP packets that arrived after a later one (reordered; they had been counted lost)");
    public final Counter voicePacketsUndecryptable = counter("guildhall.sim.voice.packets.undecryptable",
            "UDP datagrams that did not authenticate with our transport key");
    public final Counter voiceProbesEchoed = counter("guildhall.sim.voice.probes.echoed",
            "relay RTT probes echoed back");
    public final Counter voiceJoins = counter("guildhall.sim.voice.joins",
            "voice server connections started (VOICE_SERVER_UPDATE)");
    public final Counter voiceServerMoves = counter("guildhall.sim.voice.server.moves",
            "VOICE_SERVER_UPDATEs that moved a connected client to another endpoint");
    public final DistributionSummary voiceMouthToEar = summary("guildhall.sim.voice.mouth.to.ear.ms",
            "delay from a frame being spoken to its arrival at a listener, ms (network and relay; no codec or jitter buffer)");
    public final DistributionSummary voiceGatewayRtt = summary("guildhall.sim.voice.gateway.rtt.ms",
            "voice gateway HEARTBEAT to HEARTBEAT_ACK, ms");
    public final DistributionSummary voiceUdpRtt = summary("guildhall.sim.voice.udp.rtt.ms",
            "UDP keepalive to its echo by the relay, ms");
    public final Counter rateLimited = counter("guildhall.sim.api.rate.limited", "429 answers honoured");
    public final AtomicInteger gatewaySessions = gauge("guildhall.sim.gateway.sessions", "open gateway sessions (READY)");
    public final AtomicInteger voiceClientsBound = gauge("guildhall.sim.voice.clients.bound",
            "voice clients connected (SESSION_DESCRIPTION received)");
    public final AtomicInteger setupComplete = gauge("guildhall.sim.setup.complete", "1 once the demo community is set up");

    public SimulatorMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    public void apiError(String kind) {
        Counter.builder("guildhall.sim.api.errors").description("failed core-server calls by status (io = no answer)")
                .tag("status", kind).register(registry).increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private DistributionSummary summary(String name, String description) {
        return DistributionSummary.builder(name).description(description).publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    private AtomicInteger gauge(String name, String description) {
        AtomicInteger value = new AtomicInteger();
        io.micrometer.core.instrument.Gauge.builder(name, value, AtomicInteger::get).description(description).register(registry);
        return value;
    }
}
