package dev.guildhall.core.http;

import dev.guildhall.core.errors.RequestEntityTooLarge;
import dev.guildhall.core.metrics.HttpMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Aggregates a request up to the body cap (per request: {@link BodyLimitSelector}). A larger body is answered 413
 * with Discord's 40005 body; the rest of a moderately oversized body (declared up to 8 times the cap, or chunked)
 * is read and dropped, never kept, so a client that sends its whole body before reading sees the answer; then the
 * connection closes. A body declared far beyond the cap is not read at all, and a chunked one is dropped for at
 * most 8 times the cap: answer, then close.
 */
public final class BodyLimitAggregator extends HttpObjectAggregator {
    /** Up to this many times the cap is drained so that the client can read the 413. */
    private static final long DRAIN_FACTOR = 8;

    private final HttpMetrics metrics;
    private boolean draining;
    private long drained;

    public BodyLimitAggregator(int maxBodyBytes, HttpMetrics metrics) {
        super(maxBodyBytes, true);
        this.metrics = metrics;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String method = oversized instanceof HttpRequest r ? r.method().name() : "?";
        metrics.record(method, "oversized", 413, System.nanoTime());
        FullHttpResponse response = HttpResponses.error(new RequestEntityTooLarge());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        long declared = HttpUtil.getContentLength(oversized, -1L);
        boolean drain = declared <= DRAIN_FACTOR * maxContentLength() && !HttpUtil.is100ContinueExpected(oversized);
        if (drain) {
            draining = true; // the aggregator drops the remaining content; we close after its last chunk
            drained = 0;
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** An {@code Expect: 100-continue} request that is too large gets the same JSON 413 (Netty's is empty). */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse r && r.status().code() == 413) {
            ReferenceCountUtil.release(response);
            metrics.record(start instanceof HttpRequest req ? req.method().name() : "?", "oversized", 413,
                    System.nanoTime());
            FullHttpResponse json = HttpResponses.error(new RequestEntityTooLarge());
            json.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return json;
        }
        return response;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean last = msg instanceof LastHttpContent;
        if (draining && msg instanceof HttpContent c) {
            drained += c.content().readableBytes();
        }
        super.channelRead(ctx, msg);
        if (draining && (last || drained > DRAIN_FACTOR * maxContentLength())) {
            draining = false;
            ctx.close();
        }
    }
}
