package dev.guildhall.core.http;

import dev.guildhall.core.errors.ApiException;
import dev.guildhall.core.errors.ServerError;
import dev.guildhall.core.metrics.HttpMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an {@link IncomingRequest} to its handler and writes the answer. Every failure becomes Discord's JSON
 * error body: {@link ApiException}s as they are, anything else as a logged 500 without details.
 */
@ChannelHandler.Sharable
public final class RouterHandler extends SimpleChannelInboundHandler<IncomingRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RouterHandler.class);

    private final Router apiRouter;
    private final Router rootRouter;
    private final HttpMetrics metrics;

    /**
     * @param apiRouter  routes below /api/v10
     * @param rootRouter routes outside the API (/health, /metrics)
     */
    public RouterHandler(Router apiRouter, Router rootRouter, HttpMetrics metrics) {
        this.apiRouter = apiRouter;
        this.rootRouter = rootRouter;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, IncomingRequest in) {
        String routeName = "unmatched";
        String method = "?";
        FullHttpResponse response;
        try {
            ApiRequest request = in.request();
            method = request.method().name();
            Router router = in.api() ? apiRouter : rootRouter;
            Router.Match match = router.match(request.method(), request.path());
            routeName = (in.api() ? AuthHandler.API_PREFIX : "") + match.route().template();
            ApiResponse answer = match.route().handler().handle(request.withPathParams(match.params()));
            response = answer.bytes() != null ? HttpResponses.file(answer.contentType(), answer.bytes())
                    : answer.text() != null ? HttpResponses.text(answer.status(), answer.contentType(), answer.text())
                    : HttpResponses.json(answer.status(), answer.body());
        } catch (ApiException e) {
            response = HttpResponses.error(e);
        } catch (RuntimeException e) {
            LOG.error("event=request_failed path={} error={}", in.loggablePath(), e.toString(), e);
            response = HttpResponses.error(new ServerError());
        }
        int status = response.status().code();
        metrics.record(method, routeName, status, in.startNanos());
        LOG.debug("event=request method={} path={} route={} status={}", method, in.loggablePath(), routeName, status);
        HttpResponses.write(ctx, response, in.keepAlive());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("event=connection_error remote={} cause={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
