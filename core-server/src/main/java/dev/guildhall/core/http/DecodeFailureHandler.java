package dev.guildhall.core.http;

import dev.guildhall.core.errors.BadRequest;
import dev.guildhall.core.metrics.HttpMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers garbage that cannot be decoded (bad request line, huge headers, a URI with broken percent-encoding or
 * an encoded NUL, which no stored value can hold) with a JSON 400, then closes.
 */
@ChannelHandler.Sharable
public final class DecodeFailureHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeFailureHandler.class);
    private final HttpMetrics metrics;

    public DecodeFailureHandler(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String undecodable = msg instanceof FullHttpRequest r ? undecodable(r) : null;
        if (undecodable != null) {
            FullHttpRequest request = (FullHttpRequest) msg;
            LOG.debug("event=http_decode_failure remote={} cause={}", ctx.channel().remoteAddress(), undecodable);
            request.release();
            metrics.record("?", "undecodable", 400, System.nanoTime());
            FullHttpResponse response = HttpResponses.error(new BadRequest());
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the request cannot be decoded, or null when it can. */
    private static String undecodable(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return request.decoderResult().cause().toString();
        }
        try {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            if (uri.path().indexOf('\0') >= 0 || uri.parameters().entrySet().stream().anyMatch(e ->
                    e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0))) {
                return "NUL in the decoded URI";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.toString();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("event=connection_error remote={} cause={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
