package dev.guildhall.core.staff;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.errors.ApiException;
import dev.guildhall.core.errors.Unauthorized;
import dev.guildhall.core.http.ApiRequest;
import dev.guildhall.core.http.HttpResponses;
import dev.guildhall.core.http.IncomingRequest;
import dev.guildhall.core.http.Router;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * The audit log of console actions, in one place. The admin console sends {@value #HEADER} with its service token
 * next to the acting user's token; core-server keeps only the token's SHA-256 ({@code console.token.sha256}). A
 * request with the header and another token is refused (401) before routing, so the header cannot be forged. Every
 * state-changing request (not GET/HEAD/OPTIONS) that carries it and a user token gets a {@code console_audit_log}
 * entry once its answer is known: the user, the route, guild, target, the answer's status and the
 * {@code X-Audit-Log-Reason}. Staff-role changes that succeed are left out here: they write their own entry in their
 * transaction. Sits between the rate limiter and the router, on the worker pool (the entry is written before the
 * answer leaves).
 */
@ChannelHandler.Sharable
public final class ConsoleAuditHandler extends ChannelDuplexHandler {
    public static final String HEADER = "X-Guildhall-Console";
    /** Set on the 401 of a refused console token, so the console can tell it from a wrong password. */
    public static final String REFUSED_HEADER = "X-Guildhall-Console-Refused";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuditHandler.class);
    private static final AttributeKey<Deque<Pending>> PENDING = AttributeKey.valueOf("console-audit-pending");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** What an answer's audit entry needs; {@link #NONE} for requests that get none. */
    private record Pending(long actorId, String route, String path, Long guildId, String targetType, Long targetId,
                           String reason) {
    }

    private static final Pending NONE = new Pending(0, null, null, null, null, null, null);

    private final Router api;
    private final StaffConfig config;
    private final StaffService staff;
    private final Counter audited;
    private final Counter refused;
    private final Counter failed;

    public ConsoleAuditHandler(Router api, StaffConfig config, StaffService staff, MeterRegistry registry) {
        this.api = api;
        this.config = config;
        this.staff = staff;
        this.audited = Counter.builder("guildhall.console.audit.entries")
                .description("console requests written to the console audit log").register(registry);
        this.refused = Counter.builder("guildhall.console.token.refused")
                .description("requests refused because their console token was not the configured one")
                .register(registry);
        this.failed = Counter.builder("guildhall.console.audit.failures")
                .description("console audit entries that could not be written").register(registry);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof IncomingRequest in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ApiRequest request = in.request();
        String token = in.api() && request.headers() != null ? request.headers().get(HEADER) : null;
        if (token == null) {
            pending(ctx).add(NONE);
            ctx.fireChannelRead(msg);
            return;
        }
        if (!config.isConsoleToken(token)) {
            refused.increment();
            LOG.warn("event=console_token_refused path={} remote={}", in.loggablePath(), ctx.channel().remoteAddress());
            FullHttpResponse response = HttpResponses.error(new Unauthorized());
            response.headers().set(REFUSED_HEADER, "true");
            HttpResponses.write(ctx, response, in.keepAlive());
            return;
        }
        if (READS.contains(request.method()) || request.principal() == null) {
            pending(ctx).add(NONE);
            ctx.fireChannelRead(msg);
            return;
        }
        String template = "unmatched";
        Map<String, String> params = Map.of();
        try {
            Router.Match match = api.match(request.method(), request.path());
            template = match.route().template();
            params = match.params();
        } catch (ApiException unknownRoute) {
            // the router answers 404/405; the attempt is still recorded
        }
        String target = lastParam(template);
        pending(ctx).add(new Pending(request.principal().userId(), request.method().name() + " " + template,
                in.loggablePath(), number(params.get("guild_id")),
                target == null ? null : target.replaceFirst("_id$", ""),
                target == null ? null : number(params.get(target)), AuditReason.of(request)));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && ctx.channel().hasAttr(PENDING)) {
            Pending p = pending(ctx).poll();
            int status = response.status().code();
            if (p != null && p != NONE && !(p.route().contains(" /admin/staff/") && status / 100 == 2)) {
                try {
                    staff.recordConsoleRequest(p.actorId(), p.route(), p.path(), p.guildId(), p.targetType(),
                            p.targetId(), status, p.reason());
                    audited.increment();
                } catch (RuntimeException e) { // the action is done; a lost entry is logged, not turned into a 500
                    failed.increment();
                    LOG.error("event=console_audit_failed actor_id={} route={} status={} error={}", p.actorId(),
                            p.route(), status, e.toString(), e);
                }
            }
        }
        ctx.write(msg, promise);
    }

    private static Deque<Pending> pending(ChannelHandlerContext ctx) {
        Deque<Pending> q = ctx.channel().attr(PENDING).get();
        if (q == null) {
            q = new ArrayDeque<>();
            ctx.channel().attr(PENDING).set(q);
        }
        return q;
    }

    /** The template's last path parameter other than {@code guild_id} (the thing acted on), or null. */
    static String lastParam(String template) {
        String last = null;
        for (String segment : template.split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}") && !segment.equals("{guild_id}")) {
                last = segment.substring(1, segment.length() - 1);
            }
        }
        return last;
    }

    private static Long number(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
