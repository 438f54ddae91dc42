package dev.guildhall.core;

import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.PasswordHasher;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.config.CoreConfig;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.gateway.ChannelVisibility;
import dev.guildhall.core.gateway.GatewayHub;
import dev.guildhall.core.gateway.GatewayLinkClient;
import dev.guildhall.core.gateway.InProcessGuildEventBus;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.http.AuthHandler;
import dev.guildhall.core.http.HttpServer;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.http.RouterHandler;
import dev.guildhall.core.metrics.HttpMetrics;
import dev.guildhall.core.metrics.Metrics;
import dev.guildhall.core.metrics.OpsRoutes;
import dev.guildhall.core.permissions.OverwritePermissionCalculator;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.ratelimit.RateLimitHandler;
import dev.guildhall.core.ratelimit.RateLimiter;
import dev.guildhall.events.Snowflakes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway node ({@code node.role=gateway}): serves only the gateway WebSocket, /health and /metrics. It
 * authenticates IDENTIFY and RESUME and builds READY and GUILD_CREATE from PostgreSQL with the primary's own classes
 * ({@link GatewayHub}, {@link GuildService}, {@link ChannelVisibility}); its events, presences, session start limits
 * and voice states come from the primary over the {@link GatewayLinkClient}. READY's resume_gateway_url is this
 * node's URL, so a RESUME comes back to the node that buffers the session. It does not migrate the schema, write
 * the outbox or use Kafka.
 */
public final class GatewayNodeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayNodeServer.class);

    private final PrometheusMeterRegistry registry = Metrics.newRegistry();
    private final Database db;
    private final HttpServer http = new HttpServer();
    private final AtomicInteger port = new AtomicInteger();
    private final EventExecutorGroup workers;
    private final GatewayHub gateway;
    private final GatewayLinkClient link;
    private volatile boolean running;
    private boolean closed;

    private GatewayNodeServer(CoreConfig config) throws InterruptedException {
        db = new Database(config);
        workers = new DefaultEventExecutorGroup(config.workerThreads());
        boolean ok = false;
        try {
            PermissionCalculator permissions = new OverwritePermissionCalculator();
            ChannelAccess access = new ChannelAccess(permissions);
            ChannelVisibility visibility = new ChannelVisibility((channel, user) ->
                    db.read(c -> access.canView(c, channel, user)));
            InProcessGuildEventBus bus = new InProcessGuildEventBus(visibility);
            Snowflakes ids = new Snowflakes(config.workerId(), config.processId());
            AuthService auth = new AuthService(db, ids, new PasswordHasher(config.bcryptCost()));
            GuildService guilds = new GuildService(db, ids, permissions);
            gateway = new GatewayHub(auth, guilds, bus, visibility, (guild, user, status, activities, at) -> { },
                    workers, config.heartbeatInterval(), config.publicHost(), port::get, registry,
                    config.gatewayResumeBufferEvents(), config.gatewayResumeTimeout());
            link = new GatewayLinkClient(config.gatewayNodes(), gateway::gatewayUrl, gateway, bus, visibility,
                    registry);
            gateway.coordinator(link.sessionCoordinator());
            gateway.voiceStates(link.voiceStates());
            Router api = new Router();
            Router root = new Router();
            OpsRoutes.register(root, this::isHealthy, registry);
            HttpMetrics httpMetrics = new HttpMetrics(registry);
            port.set(http.start(new HttpServer.Settings(config.bindHost(), config.httpPort(), config.bodyLimits(),
                            config.requestTimeout(), config.idleTimeout()), workers, new AuthHandler(auth),
                    new RateLimitHandler(new RateLimiter(config.rateLimit()), api, httpMetrics, registry), null,
                    new RouterHandler(api, root, httpMetrics), gateway, httpMetrics));
            link.start();
            running = true;
            ok = true;
            LOG.info("event=gateway_node_started http_port={} primary={}:{}", port.get(),
                    config.gatewayNodes().primaryHost(), config.gatewayNodes().primaryPort());
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /** Starts a node (blocks until it listens; the link comes up in the background: see {@link #link()}). */
    public static GatewayNodeServer start(CoreConfig config) throws InterruptedException {
        return new GatewayNodeServer(config);
    }

    public int httpPort() {
        return port.get();
    }

    public GatewayLinkClient link() {
        return link;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Healthy while it can serve sessions: the database answers and the link to the primary is up. */
    public boolean isHealthy() {
        return running && link != null && link.isLinked() && db.isHealthy();
    }

    /** Graceful stop: unlinked, every client told to reconnect (RECONNECT, then close 4000), pools closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        LOG.info("event=gateway_node_stopping");
        http.stopAccepting();
        if (link != null) {
            link.close();
        }
        if (gateway != null) {
            gateway.closeAll();
        }
        http.closeConnections();
        List<Future<?>> loops = new ArrayList<>(http.shutdown());
        loops.add(workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS));
        loops.forEach(f -> f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        db.close();
        registry.close();
        LOG.info("event=gateway_node_stopped");
    }
}
