package dev.guildhall.core;

import dev.guildhall.core.auditlog.AuditLogRoutes;
import dev.guildhall.core.auditlog.AuditLogService;
import dev.guildhall.core.auditlog.AuditLogDispatcher;
import dev.guildhall.core.auditlog.ChangeRecorder;
import dev.guildhall.core.auth.ApplicationService;
import dev.guildhall.core.automod.AutoMod;
import dev.guildhall.core.automod.AutoModRoutes;
import dev.guildhall.core.auth.AuthRoutes;
import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.PasswordHasher;
import dev.guildhall.core.bans.BanRoutes;
import dev.guildhall.core.bans.BanService;
import dev.guildhall.core.auth.TokenRoutes;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelRoutes;
import dev.guildhall.core.channels.ChannelService;
import dev.guildhall.core.channels.VoiceJoinRoutes;
import dev.guildhall.core.config.CoreConfig;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.gateway.ChannelVisibility;
import dev.guildhall.core.gateway.GatewayHub;
import dev.guildhall.core.gateway.GatewayLinkServer;
import dev.guildhall.core.gateway.GatewayRoutes;
import dev.guildhall.core.gateway.PresenceEventPublisher;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.InProcessGuildEventBus;
import dev.guildhall.core.guilds.GuildAdminRoutes;
import dev.guildhall.core.guilds.GuildAdminService;
import dev.guildhall.core.guilds.GuildRoutes;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.http.AuthHandler;
import dev.guildhall.core.http.HttpServer;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.http.RouterHandler;
import dev.guildhall.core.interactions.CommandRoutes;
import dev.guildhall.core.interactions.CommandService;
import dev.guildhall.core.interactions.InteractionRoutes;
import dev.guildhall.core.interactions.InteractionService;
import dev.guildhall.core.invites.InviteRoutes;
import dev.guildhall.core.invites.InviteService;
import dev.guildhall.core.members.MemberRemoval;
import dev.guildhall.core.members.MemberRoutes;
import dev.guildhall.core.members.MemberService;
import dev.guildhall.core.messages.AttachmentRoutes;
import dev.guildhall.core.messages.AttachmentService;
import dev.guildhall.core.messages.MessageRoutes;
import dev.guildhall.core.messages.MessageService;
import dev.guildhall.core.messages.WebhookMessages;
import dev.guildhall.core.metrics.HttpMetrics;
import dev.guildhall.core.metrics.Metrics;
import dev.guildhall.core.metrics.OpsRoutes;
import dev.guildhall.core.outbox.KafkaProducers;
import dev.guildhall.core.outbox.OutboxRelay;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.PermissionCalculator;
import dev.guildhall.core.permissions.OverwritePermissionCalculator;
import dev.guildhall.core.ratelimit.RateLimitHandler;
import dev.guildhall.core.ratelimit.RateLimiter;
import dev.guildhall.core.reviewqueue.ReviewQueueRoutes;
import dev.guildhall.core.reviewqueue.ReviewQueueService;
import dev.guildhall.core.roles.RoleRoutes;
import dev.guildhall.core.roles.RoleService;
import dev.guildhall.core.staff.AdminLookupService;
import dev.guildhall.core.staff.ConsoleAuditHandler;
import dev.guildhall.core.staff.PlatformAdminRoutes;
import dev.guildhall.core.staff.StaffService;
import dev.guildhall.core.threads.ThreadArchiver;
import dev.guildhall.core.threads.ThreadListings;
import dev.guildhall.core.threads.ThreadMembership;
import dev.guildhall.core.threads.ThreadRoutes;
import dev.guildhall.core.threads.ThreadService;
import dev.guildhall.core.voice.EmbeddedVoiceServers;
import dev.guildhall.core.voice.VoiceGateway;
import dev.guildhall.core.voice.VoiceServers;
import dev.guildhall.core.voice.fleet.VoiceFleet;
import dev.guildhall.core.voice.fleet.VoiceFleetFeed;
import dev.guildhall.core.voice.VoiceRelay;
import dev.guildhall.core.voice.VoiceSessionEventPublisher;
import dev.guildhall.core.voice.VoiceRegionRoutes;
import dev.guildhall.core.voice.VoiceRegions;
import dev.guildhall.core.voice.VoiceStateService;
import dev.guildhall.core.voice.VoiceRelayConfig;
import dev.guildhall.core.webhooks.WebhookRoutes;
import dev.guildhall.core.webhooks.WebhookService;
import dev.guildhall.events.Snowflakes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A running core-server: wires config, PostgreSQL, Kafka, services, the voice relay and the Netty server. */
public final class CoreServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoreServer.class);

    private final CoreConfig config;
    private final PrometheusMeterRegistry registry;
    private final Database db;
    private final Producer<String, byte[]> producer;
    private final OutboxRelay relay;
    private final VoiceRelay voice;
    private final GatewayHub gateway;
    private final ThreadArchiver archiver;
    private final ChannelVisibility visibility;
    private PresenceEventPublisher presenceEvents;
    private VoiceGateway voiceGateway;
    private VoiceSessionEventPublisher voiceEvents;
    private VoiceFleet voiceFleet;
    private VoiceFleetFeed voiceFleetFeed;
    private AutoMod autoMod;
    private GatewayLinkServer gatewayLink;
    private final EventExecutorGroup workers;
    private final HttpServer http = new HttpServer();
    private final Router api = new Router();
    private final AtomicInteger port = new AtomicInteger();
    private volatile boolean running;
    private boolean closed;

    private CoreServer(CoreConfig config) throws InterruptedException {
        this.config = config;
        this.registry = Metrics.newRegistry();
        this.db = new Database(config);
        boolean ok = false;
        Producer<String, byte[]> p = null;
        OutboxRelay r = null;
        VoiceRelay v = null;
        EventExecutorGroup w = null;
        ThreadArchiver a = null;
        try {
            db.migrate();
            Snowflakes ids = new Snowflakes(config.workerId(), config.processId());
            p = KafkaProducers.create(config.kafkaBootstrap(), "core-server-" + config.workerId() + "-"
                    + config.processId());
            OutboxWriter outbox = new OutboxWriter();
            r = new OutboxRelay(db, p, outbox, config.outboxBatchSize(), config.outboxPollInterval(),
                    config.outboxMaxBackoff(), config.outboxSentRetention(), registry);
            PermissionCalculator permissions = new OverwritePermissionCalculator();
            ChannelAccess access = new ChannelAccess(permissions);
            visibility = new ChannelVisibility((channel, user) -> db.read(c -> access.canView(c, channel, user)));
            GuildEventBus bus = new InProcessGuildEventBus(visibility);
            if (config.gatewayNodes().linkEnabled()) {
                gatewayLink = new GatewayLinkServer(config.gatewayNodes().linkSecret(),
                        config.gatewayNodes().queueFrames(), registry);
                bus = gatewayLink.bus(bus);
            }
            AuthService auth = new AuthService(db, ids, new PasswordHasher(config.bcryptCost()));
            ApplicationService apps = new ApplicationService(db, ids);
            GuildService guilds = new GuildService(db, ids, permissions);
            w = new DefaultEventExecutorGroup(config.workerThreads());
            presenceEvents = new PresenceEventPublisher(p, ids, config.sourceName(), registry);
            gateway = new GatewayHub(auth, guilds, bus, visibility, presenceEvents, w, config.heartbeatInterval(),
                    config.publicHost(), port::get, registry, config.gatewayResumeBufferEvents(),
                    config.gatewayResumeTimeout());
            auth.addRevocationListener(gateway::tokensRevoked);
            if (gatewayLink != null) {
                gateway.peers(gatewayLink);
            }
            ChangeRecorder recorder = new ChangeRecorder(ids, outbox, config.sourceName(),
                    new AuditLogDispatcher(db, permissions, gateway));
            MemberRemoval removal = new MemberRemoval(recorder, bus, gateway);
            InviteService invites = new InviteService(db, access, gateway, recorder, bus, permissions);
            autoMod = new AutoMod(db, permissions, recorder, bus, gateway, registry, config.autoMod(),
                    config.kafkaBootstrap());
            MessageService messages = new MessageService(db, ids, access, outbox, bus, config.sourceName(),
                    autoMod.inline());
            ThreadService threads = new ThreadService(db, ids, access, outbox, bus, gateway, config.sourceName());
            a = new ThreadArchiver(threads);
            VoiceRegions voiceRegions = config.voiceFleet().enabled()
                    ? new VoiceRegions(config.voiceFleet().latencies().regions(), config.voiceFleet().defaultRegion())
                    : new VoiceRegions(Set.of(), config.voiceRegion());
            ChannelService channels = new ChannelService(db, ids, permissions, access, outbox, bus,
                    config.sourceName(), threads, voiceRegions);
            v = new VoiceRelay(new VoiceRelayConfig(config.bindHost(), config.voiceUdpPort(), config.publicHost(),
                    config.voiceRegion(), config.voiceServerId(), VoiceRelayConfig.DEFAULT_SAMPLE_INTERVAL), p, registry);
            voiceGateway = new VoiceGateway(v, config.bindHost(), config.voiceGatewayPort(), config.voiceGatewayHost(),
                    config.heartbeatInterval(), registry);
            voiceEvents = new VoiceSessionEventPublisher(p, ids, config.sourceName(), config.voiceRegion(),
                    config.voiceServerId(), registry);
            VoiceServers voiceServers = new EmbeddedVoiceServers(voiceGateway, config.voiceServerId());
            if (config.voiceFleet().enabled()) {
                voiceFleet = new VoiceFleet(config.voiceFleet(), Clock.systemUTC(), registry);
                voiceFleetFeed = new VoiceFleetFeed(config.kafkaBootstrap(), voiceFleet);
                voiceServers = voiceFleet;
            }
            VoiceStateService voiceStates = new VoiceStateService(db, access, guilds, bus, voiceServers, voiceEvents, w,
                    registry);
            gateway.voiceStates(voiceStates);
            channels.onRtcRegionChange(voiceStates::rtcRegionChanged);
            bus.onPermissionChange(voiceStates::permissionsChanged);

            AuthRoutes.register(api, auth, apps);
            TokenRoutes.register(api, auth, apps);
            GuildRoutes.register(api, guilds);
            ChannelRoutes.register(api, channels);
            ThreadRoutes.register(api, threads, new ThreadMembership(db, ids, access, outbox, bus, gateway,
                    config.sourceName()), new ThreadListings(db, access));
            MessageRoutes.register(api, messages);
            AttachmentRoutes.register(api, new AttachmentService(db, access));
            InviteRoutes.register(api, invites);
            GuildAdminRoutes.register(api, new GuildAdminService(db, permissions, recorder, bus, gateway));
            RoleRoutes.register(api, new RoleService(db, permissions, recorder, bus));
            MemberService members = new MemberService(db, permissions, recorder, bus, removal, voiceStates);
            BanService bans = new BanService(db, permissions, recorder, bus, removal);
            MemberRoutes.register(api, members);
            BanRoutes.register(api, bans);
            AuditLogRoutes.register(api, new AuditLogService(db, permissions));
            AutoModRoutes.register(api, autoMod.rules());
            ReviewQueueRoutes.register(api, new ReviewQueueService(db, permissions, access, recorder, bus, members,
                    bans, ReviewQueueService.CLAIM_TTL, registry));
            GatewayRoutes.register(api, gateway);
            StaffService staff = new StaffService(db, ids, outbox, config.sourceName(), config.staff(), registry);
            staff.bootstrapExisting();
            PlatformAdminRoutes.register(api, staff, new AdminLookupService(staff));
            VoiceJoinRoutes.register(api, db, access, v);
            VoiceRegionRoutes.register(api, voiceRegions, db);
            CommandRoutes.register(api, new CommandService(db, ids, apps, outbox, config.sourceName()));
            WebhookMessages webhookMessages = new WebhookMessages(ids, outbox, bus, gateway::dispatchToUser,
                    config.sourceName());
            InteractionService interactions = new InteractionService(db, ids, access, permissions, apps,
                    webhookMessages, gateway::dispatchToUser);
            InteractionRoutes.register(api, interactions);
            WebhookRoutes.register(api, new WebhookService(db, ids, access, permissions, outbox, bus, webhookMessages,
                    config.sourceName()), interactions);
            Router root = new Router();
            OpsRoutes.register(root, this::isHealthy, registry);
            HttpMetrics httpMetrics = new HttpMetrics(registry);

            v.start();
            voiceGateway.start();
            if (voiceFleetFeed != null) {
                voiceFleetFeed.start();
            }
            r.start();
            a.start();
            if (gatewayLink != null) {
                gatewayLink.start(gateway, config.bindHost(), config.gatewayNodes().linkPort());
            }
            port.set(http.start(new HttpServer.Settings(config.bindHost(), config.httpPort(), config.bodyLimits(),
                            config.requestTimeout(), config.idleTimeout()), w, new AuthHandler(auth),
                    new RateLimitHandler(new RateLimiter(config.rateLimit()), api, httpMetrics, registry),
                    new ConsoleAuditHandler(api, config.staff(), staff, registry),
                    new RouterHandler(api, root, httpMetrics), gateway, httpMetrics));
            running = true;
            ok = true;
            LOG.info("event=core_server_started http_port={} voice_udp_port={} kafka={} pg={}", port.get(),
                    v.boundPort(), config.kafkaBootstrap(), config.pgUrl());
        } finally {
            this.producer = p;
            this.relay = r;
            this.voice = v;
            this.workers = w;
            this.archiver = a;
            if (!ok) {
                close();
            }
        }
    }

    /** Starts a server (blocks until it listens); throws if anything fails to start. */
    public static CoreServer start(CoreConfig config) throws InterruptedException {
        return new CoreServer(config);
    }

    /** The REST routes below /api/v10, e.g. for tests that must cover every route. */
    public List<Router.Route> apiRoutes() {
        return api.routes();
    }

    public int httpPort() {
        return port.get();
    }

    public VoiceRelay voiceRelay() {
        return voice;
    }

    /** The voice gateway (TLS WebSocket) in front of the relay. */
    public VoiceGateway voiceGateway() {
        return voiceGateway;
    }

    /** Voice server selection and failover; null unless {@code voice.fleet.enabled}. */
    public VoiceFleet voiceFleet() {
        return voiceFleet;
    }

    /** The port gateway nodes link to; -1 unless {@code gateway.link.enabled}. */
    public int gatewayLinkPort() {
        return gatewayLink == null ? -1 : gatewayLink.port();
    }

    public OutboxRelay outboxRelay() {
        return relay;
    }

    /** The gateway's VIEW_CHANNEL cache: permission changes made outside the services invalidate it here. */
    public ChannelVisibility channelVisibility() {
        return visibility;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public boolean isHealthy() {
        return running && db.isHealthy();
    }

    /** Graceful stop: no new connections, gateway sessions closed, relay and voice stopped, pools closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        LOG.info("event=core_server_stopping");
        http.stopAccepting();
        if (gateway != null) {
            gateway.closeAll();
        }
        http.closeConnections();
        List<Future<?>> loops = new ArrayList<>(http.shutdown());
        if (workers != null) {
            loops.add(workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS));
        }
        loops.forEach(f -> f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        closeQuietly(gatewayLink);
        closeQuietly(archiver);
        closeQuietly(autoMod);
        closeQuietly(presenceEvents);
        closeQuietly(relay);
        closeQuietly(voiceFleetFeed);
        closeQuietly(voiceFleet);
        closeQuietly(voiceGateway);
        closeQuietly(voiceEvents);
        closeQuietly(voice);
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("event=producer_close_failed error={}", e.toString());
            }
        }
        db.close();
        registry.close();
        LOG.info("event=core_server_stopped");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("event=close_failed component={} error={}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
