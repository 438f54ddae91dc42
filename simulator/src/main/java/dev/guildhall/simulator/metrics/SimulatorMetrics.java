package dev.guildhall.simulator.metrics;

import io.micrometer.core.instrument.Counter;
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
            "RTP packets forwarded to us by the relay");
    public final Counter voiceHelloAcks = counter("guildhall.sim.voice.hello.acks", "HELLO_ACK datagrams received");
    public final Counter voiceJoins = counter("guildhall.sim.voice.joins", "voice channel joins granted");
    public final Counter rateLimited = counter("guildhall.sim.api.rate.limited", "429 answers honoured");
    public final AtomicInteger gatewaySessions = gauge("guildhall.sim.gateway.sessions", "open gateway sessions (READY)");
    public final AtomicInteger voiceClientsBound = gauge("guildhall.sim.voice.clients.bound", "voice clients bound by HELLO_ACK");
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

    private AtomicInteger gauge(String name, String description) {
        AtomicInteger value = new AtomicInteger();
        io.micrometer.core.instrument.Gauge.builder(name, value, AtomicInteger::get).description(description).register(registry);
        return value;
    }
}
