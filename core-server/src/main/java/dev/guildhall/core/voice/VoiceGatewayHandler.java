package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.json.Json;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty side of one voice gateway WebSocket: checks {@code ?v=} (4 or later; the server speaks v8), says HELLO,
 * decodes text frames into payloads for the {@link VoiceGateway}, watches the heartbeat deadline (4009) and tells
 * the gateway when the socket is gone. Binary frames (DAVE, never negotiated here) and undecodable text close 4002.
 */
final class VoiceGatewayHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    static final int MAX_PAYLOAD_BYTES = 4096;

    private final VoiceGateway gateway;
    private VoiceConnection connection;
    private long lastHeartbeatNanos = System.nanoTime();
    private ScheduledFuture<?> heartbeatCheck;
    private boolean open;

    VoiceGatewayHandler(VoiceGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
            List<String> v = new QueryStringDecoder(hs.requestUri()).parameters().get("v");
            int version = v == null || v.isEmpty() || !v.get(0).matches("\\d{1,3}") ? 0 : Integer.parseInt(v.get(0));
            if (version < 4) {
                close(ctx, VoiceOp.CLOSE_BAD_REQUEST, "Voice gateway version 4 or later required (?v=8).");
                return;
            }
            open = true;
            gateway.hello(ctx.channel());
            long interval = gateway.heartbeatInterval().toMillis();
            long period = Math.max(100, interval / 4);
            heartbeatCheck = ctx.executor().scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastHeartbeatNanos > TimeUnit.MILLISECONDS.toNanos(interval * 3 / 2 + 1000)) {
                    close(ctx, VoiceOp.CLOSE_SESSION_TIMEOUT, "Session timeout.");
                }
            }, period, period, TimeUnit.MILLISECONDS);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!open) {
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            close(ctx, VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
            return;
        }
        if (text.content().readableBytes() > MAX_PAYLOAD_BYTES) {
            close(ctx, VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
            return;
        }
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(text.text());
        } catch (Exception e) {
            close(ctx, VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
            return;
        }
        if (payload == null || !payload.isObject() || !payload.path("op").isIntegralNumber()
                || !payload.get("op").canConvertToInt()) {
            close(ctx, VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
            return;
        }
        int op = payload.get("op").intValue();
        if (op == VoiceOp.HEARTBEAT) {
            lastHeartbeatNanos = System.nanoTime();
        }
        VoiceGateway.Outcome outcome = gateway.receive(ctx.channel(), connection, op, payload.get("d"));
        if (outcome.connection() != null) {
            connection = outcome.connection();
        }
        if (outcome.closeCode() != 0) {
            close(ctx, outcome.closeCode(), outcome.reason());
        }
    }

    private void close(ChannelHandlerContext ctx, int code, String reason) {
        if (ctx.channel().isActive()) {
            gateway.closing(code);
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (heartbeatCheck != null) {
            heartbeatCheck.cancel(false);
        }
        if (connection != null) {
            gateway.detached(ctx.channel(), connection);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
