package dev.guildhall.core.voice.node;

import dev.guildhall.core.metrics.Metrics;
import dev.guildhall.core.outbox.KafkaProducers;
import dev.guildhall.core.voice.VoiceGateway;
import dev.guildhall.core.voice.VoiceRelay;
import dev.guildhall.core.voice.VoiceRelayConfig;
import dev.guildhall.core.voice.VoiceTokens;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One voice server of a fleet, as its own process: the existing voice gateway (TLS, v8) and UDP relay for one
 * region, accepting the tokens core-server signs for this node ({@link VoiceTokens}) up to its capacity (a further
 * connection is refused with 4022 and reported in a heartbeat), registering and
 * heartbeating on {@code guildhall.voice.servers}, with an ops port (health, metrics, certificate, disconnect).
 * Its relay publishes voice.quality samples tagged with this node's region and id, as the embedded one does.
 */
public final class VoiceNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceNode.class);
    /** Voice gateway heartbeat interval sent in HELLO (Discord's is about 13.75 s). */
    static final Duration GATEWAY_HEARTBEAT = Duration.ofMillis(13_750);

    private final VoiceNodeConfig config;
    private final PrometheusMeterRegistry registry = Metrics.newRegistry();
    private Producer<String, byte[]> producer;
    private VoiceRelay relay;
    private VoiceGateway gateway;
    private VoiceNodeOps ops;
    private VoiceNodeHeartbeats heartbeats;
    private volatile boolean running;

    private VoiceNode(VoiceNodeConfig config) {
        this.config = config;
    }

    /** Starts every part; throws (after stopping what started) if one fails. */
    public static VoiceNode start(VoiceNodeConfig config) throws Exception {
        VoiceNode node = new VoiceNode(config);
        try {
            node.startParts();
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startParts() throws Exception {
        VoiceTokens tokens = new VoiceTokens(config.tokenSecret());
        producer = KafkaProducers.create(config.kafkaBootstrap(), "voice-node-" + config.id());
        relay = new VoiceRelay(new VoiceRelayConfig(config.bindHost(), config.udpPort(), config.publicHost(),
                config.region(), config.id(), VoiceRelayConfig.DEFAULT_SAMPLE_INTERVAL), producer, registry);
        gateway = new VoiceGateway(relay, config.bindHost(), config.gatewayPort(), config.gatewayHost(),
                GATEWAY_HEARTBEAT, registry);
        gateway.acceptSignedGrants(tokens, config.id());
        ops = new VoiceNodeOps(config.bindHost(), config.opsPort(), () -> running, registry, gateway, tokens);
        heartbeats = new VoiceNodeHeartbeats(config, producer, gateway::connectionCount, gateway::endpoint,
                this::opsUrl, registry);
        gateway.limitConnections(config.capacity(), heartbeats::refused);
        relay.start();
        gateway.start();
        ops.start();
        heartbeats.start();
        running = true;
        LOG.info("event=voice_node_started voice_server={} region={} capacity={} endpoint={} udp_port={}"
                        + " ops_url={}", config.id(), config.region(), config.capacity(), gateway.endpoint(),
                relay.boundPort(), opsUrl());
    }

    public String opsUrl() {
        return "http://" + config.publicHost() + ":" + ops.port();
    }

    public VoiceGateway gateway() {
        return gateway;
    }

    public VoiceRelay relay() {
        return relay;
    }

    @Override
    public synchronized void close() {
        running = false;
        for (AutoCloseable c : new AutoCloseable[]{heartbeats, ops, gateway, relay}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("event=close_failed component={} error={}", c.getClass().getSimpleName(), e.toString());
                }
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        registry.close();
        LOG.info("event=voice_node_stopped voice_server={}", config.id());
    }
}
