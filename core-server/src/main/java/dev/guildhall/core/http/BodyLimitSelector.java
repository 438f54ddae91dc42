package dev.guildhall.core.http;

import dev.guildhall.core.metrics.HttpMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Gives each request the body cap of its content type ({@link BodyLimits}): at the start of a request (the
 * previous one is complete by then) the pipeline's {@link BodyLimitAggregator} is replaced by one with this
 * request's cap when the cap differs. The aggregator then enforces it exactly as it would a single cap: a
 * declared or streamed (chunked) body over it is answered 413 / 40005 without being kept in memory, and an
 * {@code Expect: 100-continue} request over it gets the 413 instead of the 100. After the WebSocket upgrade the
 * aggregator is gone and frames pass through.
 */
@ChannelHandler.Sharable
public final class BodyLimitSelector extends ChannelInboundHandlerAdapter {
    /** The name of the aggregator in the pipeline. */
    public static final String AGGREGATOR = "aggregator";

    private final BodyLimits limits;
    private final HttpMetrics metrics;

    public BodyLimitSelector(BodyLimits limits, HttpMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    /** The aggregator a new connection starts with (the JSON cap, the common case). */
    public BodyLimitAggregator initialAggregator() {
        return new BodyLimitAggregator(limits.json(), metrics);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            int cap = limits.of(request);
            if (ctx.pipeline().get(AGGREGATOR) instanceof BodyLimitAggregator current
                    && current.maxContentLength() != cap) {
                ctx.pipeline().replace(AGGREGATOR, AGGREGATOR, new BodyLimitAggregator(cap, metrics));
            }
        }
        ctx.fireChannelRead(msg);
    }
}
