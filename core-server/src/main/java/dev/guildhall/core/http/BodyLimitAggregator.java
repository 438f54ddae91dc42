package dev.guildhall.core.http;

import dev.guildhall.core.errors.RequestEntityTooLarge;
import dev.guildhall.core.metrics.HttpMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/** Aggregates a request up to the body cap; a larger body is answered 413 with Discord's 40005 body, then closed. */
public final class BodyLimitAggregator extends HttpObjectAggregator {
    private final HttpMetrics metrics;

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
        // The rest of the body is not read: answer and close (the client may see a reset if it keeps sending).
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
