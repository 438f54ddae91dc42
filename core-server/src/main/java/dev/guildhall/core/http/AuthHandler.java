package dev.guildhall.core.http;

import dev.guildhall.core.auth.AuthService;
import dev.guildhall.core.auth.Principal;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.Map;

/**
 * Turns an aggregated HTTP request into an {@link IncomingRequest}: copies the body, decodes the query and
 * resolves the {@code Authorization} header to a {@link Principal} (null when absent or invalid; routes that need
 * a caller answer 401). Runs on the blocking worker pool (the token lookup reads PostgreSQL).
 */
@ChannelHandler.Sharable
public final class AuthHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    public static final String API_PREFIX = "/api/v10";

    private final AuthService auth;

    public AuthHandler(AuthService auth) {
        super(true);
        this.auth = auth;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String rawPath = uri.path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean api = rawPath.equals(API_PREFIX) || rawPath.startsWith(API_PREFIX + "/");
        String path = rawPath;
        Principal principal = null;
        if (api) {
            path = rawPath.substring(API_PREFIX.length());
            if (path.isEmpty()) {
                path = "/";
            }
            String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            principal = header == null ? null : auth.authenticate(header);
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        ApiRequest decoded = new ApiRequest(request.method(), path, uri.parameters(), request.headers().copy(), body,
                principal, Map.of());
        ctx.fireChannelRead(new IncomingRequest(decoded, api, rawPath, keepAlive, start));
    }
}
