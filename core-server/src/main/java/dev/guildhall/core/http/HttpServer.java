package dev.guildhall.core.http;

import dev.guildhall.core.gateway.GatewayFrameHandler;
import dev.guildhall.core.gateway.GatewayHub;
import dev.guildhall.core.metrics.HttpMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;

import java.net.InetSocketAddress;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Netty server: one handler per concern. Event loop: idle/slow-client guard, HTTP codec, body cap,
 * decode-failure answer, WebSocket upgrade at {@code /gateway} and the gateway frames. Worker pool (blocking):
 * authentication, rate limits, the console audit log, then routing and the business handlers.
 */
public final class HttpServer implements AutoCloseable {
    /** Gateway payloads from clients are small (Discord caps them at 4 KiB); this leaves room. */
    private static final int MAX_GATEWAY_FRAME = 64 * 1024;

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ChannelGroup connections = new DefaultChannelGroup("core-http", GlobalEventExecutor.INSTANCE);
    /** Channels whose pipeline is not torn down yet (see {@link #closeConnections()}). */
    private final Set<Channel> pipelines = ConcurrentHashMap.newKeySet();
    private Channel serverChannel;

    public record Settings(String bindHost, int port, BodyLimits bodyLimits, Duration requestTimeout,
                           Duration idleTimeout) {
    }

    public int start(Settings settings, EventExecutorGroup workers, AuthHandler auth, ChannelHandler rateLimit,
                     ChannelHandler consoleAudit, RouterHandler router, GatewayHub gateway, HttpMetrics metrics)
            throws InterruptedException {
        DecodeFailureHandler decodeFailures = new DecodeFailureHandler(metrics);
        BodyLimitSelector bodyLimits = new BodyLimitSelector(settings.bodyLimits(), metrics);
        WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/gateway")
                .checkStartsWith(true)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_GATEWAY_FRAME)
                        .allowExtensions(false)
                        .build())
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        pipelines.add(ch);
                        ch.pipeline()
                                .addLast("teardown", new PipelineTeardown(pipelines))
                                .addLast("idle", new IdleStateHandler(0, 0,
                                        settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("codec", new HttpServerCodec(4096, 16 * 1024, 16 * 1024))
                                .addLast("deadline", new RequestDeadlineHandler(settings.requestTimeout()))
                                .addLast("body-limit", bodyLimits)
                                .addLast(BodyLimitSelector.AGGREGATOR, bodyLimits.initialAggregator())
                                .addLast("decode-failures", decodeFailures)
                                .addLast("websocket", new WebSocketServerProtocolHandler(wsConfig))
                                .addLast("gateway", new GatewayFrameHandler(gateway))
                                .addLast(workers, "auth", auth)
                                .addLast(workers, "ratelimit", rateLimit);
                        if (consoleAudit != null) { // a gateway node serves no state-changing route
                            ch.pipeline().addLast(workers, "console-audit", consoleAudit);
                        }
                        ch.pipeline().addLast(workers, "router", router);
                    }
                });
        serverChannel = bootstrap.bind(new InetSocketAddress(settings.bindHost(), settings.port())).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting connections. */
    public void stopAccepting() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Closes every open connection and waits (up to 5 s) until their pipelines are torn down. Teardown hops
     * between the I/O loop and the worker pool (the auth, rate-limit and router handlers run there), so both must
     * still accept tasks until it is done; shutting either down earlier logs a RejectedExecutionException.
     */
    public void closeConnections() {
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pipelines.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * First in every pipeline, so it is the last handler a teardown removes (teardown removes from the tail):
     * its removal means the channel's pipeline is gone.
     */
    private static final class PipelineTeardown extends ChannelHandlerAdapter {
        private final Set<Channel> pipelines;

        PipelineTeardown(Set<Channel> pipelines) {
            this.pipelines = pipelines;
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            pipelines.remove(ctx.channel());
        }
    }

    /**
     * Starts shutting the event loops down; a short quiet period lets pipeline teardown that hops between the
     * event loops and the worker pool finish. Returns the termination futures to await.
     */
    public List<Future<?>> shutdown() {
        return List.of(boss.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS),
                io.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        stopAccepting();
        closeConnections();
        shutdown().forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
    }
}
