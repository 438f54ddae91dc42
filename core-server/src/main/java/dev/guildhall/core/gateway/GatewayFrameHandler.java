package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.json.Json;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty side of one gateway connection: on handshake it checks {@code ?v=}, {@code encoding} and {@code compress}
 * and opens the connection (HELLO), then decodes text frames into payloads for the {@link GatewayHub}. JSON
 * encoding only; {@code compress=zlib-stream} compresses what the server sends (other values are ignored: plain
 * text frames, which every client reads). HTTP requests that are not for the gateway pass through untouched.
 */
public final class GatewayFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayFrameHandler.class);

    /** Discord closes with 4002 when a client payload exceeds 4096 bytes. */
    static final int MAX_PAYLOAD_BYTES = 4096;

    private final GatewayHub hub;
    private GatewayConnection session;
    private ScheduledFuture<?> heartbeatCheck;

    public GatewayFrameHandler(GatewayHub hub) {
        super(true);
        this.hub = hub;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
            QueryStringDecoder q = new QueryStringDecoder(hs.requestUri());
            String version = first(q.parameters().get("v"));
            String encoding = first(q.parameters().get("encoding"));
            String compress = first(q.parameters().get("compress"));
            session = hub.open(ctx.channel(), "zlib-stream".equals(compress));
            watchCloseFrames(ctx);
            if (version != null && !version.equals("10")) {
                session.close(GatewayOp.CLOSE_INVALID_API_VERSION, "Invalid API version.");
                return;
            }
            if (encoding != null && !encoding.equals("json")) {
                // etf (or anything else) is not spoken here: refuse before any payload could be misread
                session.close(GatewayOp.CLOSE_DECODE_ERROR, "Only encoding=json is supported.");
                return;
            }
            long period = Math.max(100, hub.heartbeatInterval().toMillis() / 4);
            heartbeatCheck = ctx.executor().scheduleAtFixedRate(() -> hub.checkHeartbeat(session), period, period,
                    TimeUnit.MILLISECONDS);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null) {
            ctx.close();
            return;
        }
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            session.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            return; // ping/pong/close are handled by the protocol handler
        }
        if (text.content().readableBytes() > MAX_PAYLOAD_BYTES) {
            session.close(GatewayOp.CLOSE_DECODE_ERROR, "Payload too large.");
            return;
        }
        if (!session.withinRateLimit()) {
            session.close(GatewayOp.CLOSE_RATE_LIMITED, "You are being rate limited.");
            return;
        }
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(text.text());
        } catch (Exception e) {
            session.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
            return;
        }
        if (payload == null || !payload.isObject() || !payload.path("op").isIntegralNumber()
                || !payload.get("op").canConvertToInt()) {
            session.close(GatewayOp.CLOSE_DECODE_ERROR, "Decode error.");
            return;
        }
        int op = payload.get("op").intValue();
        if (op != GatewayOp.HEARTBEAT && op != GatewayOp.IDENTIFY && op != GatewayOp.RESUME
                && !session.isIdentifying() && isKnown(op)) {
            session.close(GatewayOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.");
            return;
        }
        hub.receive(session, op, payload.get("d"));
    }

    /**
     * The protocol handler answers close frames itself; this peeks at the client's close code first (1000/1001
     * end the session, any other code keeps it resumable; an answer to the server's own close counts as neither).
     */
    private void watchCloseFrames(ChannelHandlerContext ctx) {
        var ws = ctx.pipeline().context(WebSocketServerProtocolHandler.class);
        if (ws == null) {
            return;
        }
        GatewayConnection connection = session;
        ctx.pipeline().addBefore(ws.name(), "gateway-close-code", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
                if (msg instanceof CloseWebSocketFrame close) {
                    connection.clientCloseCode(close.statusCode());
                }
                super.channelRead(c, msg);
            }
        });
    }

    private static boolean isKnown(int op) {
        return op == GatewayOp.PRESENCE_UPDATE || op == GatewayOp.VOICE_STATE_UPDATE
                || op == GatewayOp.REQUEST_GUILD_MEMBERS || op == GatewayOp.REQUEST_SOUNDBOARD_SOUNDS;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (heartbeatCheck != null) {
            heartbeatCheck.cancel(false);
        }
        if (session != null) {
            hub.closed(session);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("event=gateway_connection_error remote={} cause={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
