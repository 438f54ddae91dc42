package dev.guildhall.core.config;

import dev.guildhall.core.automod.AutoModConfig;
import dev.guildhall.core.gateway.GatewayNodeConfig;
import dev.guildhall.core.http.BodyLimits;
import dev.guildhall.core.ratelimit.RateLimitConfig;
import dev.guildhall.core.staff.StaffConfig;
import dev.guildhall.core.voice.fleet.VoiceFleetConfig;

import java.time.Duration;

/**
 * Typed configuration of core-server. Built by {@link ConfigLoader} from an optional properties file and the
 * {@code GUILDHALL_*} environment variables of the runtime contract (environment wins).
 */
public record CoreConfig(
        String bindHost,
        int httpPort,
        String publicHost,
        String pgUrl,
        String pgUser,
        String pgPassword,
        int pgPoolSize,
        String kafkaBootstrap,
        int voiceUdpPort,
        String voiceRegion,
        String voiceServerId,
        int voiceGatewayPort,
        String voiceGatewayHost,
        int workerId,
        int processId,
        int workerThreads,
        BodyLimits bodyLimits,
        Duration requestTimeout,
        Duration idleTimeout,
        Duration heartbeatInterval,
        int bcryptCost,
        Duration outboxPollInterval,
        Duration outboxMaxBackoff,
        int outboxBatchSize,
        Duration outboxSentRetention,
        int gatewayResumeBufferEvents,
        Duration gatewayResumeTimeout,
        RateLimitConfig rateLimit,
        VoiceFleetConfig voiceFleet,
        AutoModConfig autoMod,
        GatewayNodeConfig gatewayNodes,

        StaffConfig staff) {

    public CoreConfig {
        require(httpPort >= 0 && httpPort <= 65535, "http.port must be 0..65535");
        require(pgUrl != null && pgUrl.startsWith("jdbc:postgresql:"), "pg.url must be a jdbc:postgresql: url");
        require(kafkaBootstrap != null && !kafkaBootstrap.isBlank(), "kafka.bootstrap is required");
        require(voiceGatewayPort >= 0 && voiceGatewayPort <= 65535, "voice.gateway.port must be 0..65535");
        require(voiceGatewayHost != null && !voiceGatewayHost.isBlank(), "voice.gateway.host is required");
        require(pgPoolSize >= 1, "pg.pool.size must be >= 1");
        require(workerThreads >= 1, "http.worker.threads must be >= 1");
        require(bodyLimits.json() >= 1024, "http.max.body.bytes must be >= 1024");
        require(bodyLimits.multipart() >= 1024, "http.max.multipart.bytes must be >= 1024");
        require(bcryptCost >= 4 && bcryptCost <= 31, "auth.bcrypt.cost must be 4..31");
        require(outboxBatchSize >= 1, "outbox.batch.size must be >= 1");
        require(!heartbeatInterval.isNegative() && !heartbeatInterval.isZero(), "gateway.heartbeat.interval.ms must be > 0");
        require(gatewayResumeBufferEvents >= 1, "gateway.resume.buffer.events must be >= 1");
        require(!gatewayResumeTimeout.isNegative(), "gateway.resume.timeout.ms must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid core-server configuration: " + message);
        }
    }

    /** The URL clients use for the gateway WebSocket. */
    public String gatewayUrl(int boundPort) {
        return "ws://" + publicHost + ":" + boundPort + "/gateway";
    }

    /** The node name put in the {@code source} field of events. */
    public String sourceName() {
        return "core-server@" + publicHost + "/" + workerId + "-" + processId;
    }

    public CoreConfig withHttpPort(int port) {
        return new CoreConfig(bindHost, port, publicHost, pgUrl, pgUser, pgPassword, pgPoolSize, kafkaBootstrap,
                voiceUdpPort, voiceRegion, voiceServerId, voiceGatewayPort, voiceGatewayHost, workerId, processId, workerThreads, bodyLimits,
                requestTimeout, idleTimeout, heartbeatInterval, bcryptCost, outboxPollInterval, outboxMaxBackoff,
                outboxBatchSize, outboxSentRetention, gatewayResumeBufferEvents, gatewayResumeTimeout, rateLimit,
                voiceFleet,
                autoMod, gatewayNodes, staff);
    }

    public CoreConfig withKafkaBootstrap(String bootstrap) {
        return new CoreConfig(bindHost, httpPort, publicHost, pgUrl, pgUser, pgPassword, pgPoolSize, bootstrap,
                voiceUdpPort, voiceRegion, voiceServerId, voiceGatewayPort, voiceGatewayHost, workerId, processId, workerThreads, bodyLimits,
                requestTimeout, idleTimeout, heartbeatInterval, bcryptCost, outboxPollInterval, outboxMaxBackoff,
                outboxBatchSize, outboxSentRetention, gatewayResumeBufferEvents, gatewayResumeTimeout, rateLimit,
                voiceFleet,
                autoMod, gatewayNodes, staff);
    }
}
