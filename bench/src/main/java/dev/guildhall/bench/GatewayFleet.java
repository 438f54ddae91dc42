package dev.guildhall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many gateway sessions on a few Netty event loops: WebSocket handshake, HELLO → IDENTIFY → READY, heartbeats at
 * the server's interval (first one jittered, as Discord's clients do), and MESSAGE_CREATE dispatches of
 * {@code bench-<n>} messages reported to a {@link Deliveries} listener with their arrival time. Each client binds
 * its socket to one of several loopback source addresses (127.0.0.1..n), so 20,000 sessions do not exhaust one
 * address's ephemeral ports.
 */
final class GatewayFleet implements AutoCloseable {
    static final int INTENTS = 1 | (1 << 9) | (1 << 15); // GUILDS, GUILD_MESSAGES, MESSAGE_CONTENT
    private static final int MAX_FRAME = 64 * 1024 * 1024;
    private static final String CONTENT_MARK = "\"content\":\"bench-";

    /** Called on an event loop for each MESSAGE_CREATE whose content is {@code bench-<n>}. */
    interface Deliveries {
        void delivered(Client client, int n, long arrivalNanos);
    }

    /** One gateway session as the load generator sees it. */
    static final class Client {
        final int index;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final BitSet received = new BitSet(); // bench message numbers seen (event loop writes; read after a quiet period)
        volatile int closeCode = -1;
        volatile boolean closed;
        volatile long lastSeq = -1;
        volatile Channel channel;
        volatile long heartbeatsSent;
        ScheduledFuture<?> heartbeat;

        Client(int index) {
            this.index = index;
        }

        synchronized void markReceived(int n) {
            received.set(n);
        }

        synchronized boolean hasReceived(int n) {
            return received.get(n);
        }
    }

    private final EventLoopGroup group;
    private final URI uri;
    private final List<InetAddress> sources = new CopyOnWriteArrayList<>();
    private final Deliveries deliveries;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final AtomicLong heartbeatAcks = new AtomicLong();
    private final AtomicLong readyCount = new AtomicLong();
    private final AtomicLong failedCount = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Bootstrap bootstrap;

    GatewayFleet(String gatewayUrl, int eventLoops, int sourceAddresses, Deliveries deliveries) {
        this.uri = URI.create(gatewayUrl);
        this.deliveries = deliveries;
        try {
            for (int i = 1; i <= sourceAddresses; i++) {
                sources.add(InetAddress.getByName("127.0.0." + i));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        this.group = new MultiThreadIoEventLoopGroup(eventLoops, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** Connects and identifies one session; {@link Client#ready} completes on READY. */
    Client open(String token) {
        Client client = new Client(clients.size());
        client.ready.whenComplete((ok, err) -> (err == null ? readyCount : failedCount).incrementAndGet());
        clients.add(client);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME).handleCloseFrames(false).handshakeTimeoutMillis(120_000).build();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
                        new SessionHandler(client, token));
            }
        });
        InetAddress source = sources.get(client.index % sources.size());
        b.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), new InetSocketAddress(source, 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        client.closed = true;
                        problem("connect from " + source + " failed: " + f.cause());
                        client.ready.completeExceptionally(f.cause());
                    }
                });
        return client;
    }

    List<Client> clients() {
        return clients;
    }

    long heartbeatAcks() {
        return heartbeatAcks.get();
    }

    long heartbeatsSent() {
        long n = 0;
        for (Client c : clients) {
            n += c.heartbeatsSent;
        }
        return n;
    }

    /** Sessions connecting or identifying (neither READY nor failed). */
    long pending() {
        return clients.size() - readyCount() - failedCount();
    }

    long readyCount() {
        return readyCount.get();
    }

    long failedCount() {
        return failedCount.get();
    }

    long closedCount() {
        return clients.stream().filter(c -> c.closed).count();
    }

    /** The first few problems seen (connect failures, close codes, errors), for the results. */
    List<String> problems() {
        return problems.stream().limit(10).toList();
    }

    int problemCount() {
        return problems.size();
    }

    private void problem(String text) {
        if (problems.size() < 10_000) {
            problems.add(text);
        }
    }

    private final class SessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Client client;
        private final String token;

        SessionHandler(Client client, String token) {
            this.client = client;
            this.token = token;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            client.channel = ctx.channel();
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws IOException {
            if (frame instanceof TextWebSocketFrame text) {
                onText(ctx, text.text());
            } else if (frame instanceof CloseWebSocketFrame close) {
                client.closeCode = close.statusCode();
                problem("client " + client.index + " closed by server: " + close.statusCode() + " " + close.reasonText());
                ctx.close();
            }
        }

        private void onText(ChannelHandlerContext ctx, String text) throws IOException {
            int mark = text.indexOf(CONTENT_MARK);
            if (mark >= 0 && text.contains("\"t\":\"MESSAGE_CREATE\"")) {
                long now = System.nanoTime();
                int n = 0;
                for (int i = mark + CONTENT_MARK.length(); i < text.length() && Character.isDigit(text.charAt(i)); i++) {
                    n = n * 10 + (text.charAt(i) - '0');
                }
                client.lastSeq = topLevelSeq(text);
                deliveries.delivered(client, n, now);
                return;
            }
            JsonNode p = Rest.JSON.readTree(text);
            int op = p.path("op").asInt(-1);
            switch (op) {
                case 10 -> hello(ctx, p.path("d").path("heartbeat_interval").asLong(41_250));
                case 11 -> heartbeatAcks.incrementAndGet();
                case 1 -> sendHeartbeat(ctx);
                case 0 -> {
                    client.lastSeq = p.path("s").asLong(client.lastSeq);
                    if ("READY".equals(p.path("t").asText())) {
                        client.ready.complete(null);
                    }
                }
                case 7, 9 -> problem("client " + client.index + " got op " + op);
                default -> {
                    // other payloads are not measured
                }
            }
        }

        private long topLevelSeq(String text) {
            int i = text.lastIndexOf("\"s\":");
            if (i < 0) {
                return client.lastSeq;
            }
            long v = 0;
            for (int j = i + 4; j < text.length() && Character.isDigit(text.charAt(j)); j++) {
                v = v * 10 + (text.charAt(j) - '0');
            }
            return v;
        }

        private void hello(ChannelHandlerContext ctx, long intervalMs) {
            long first = (long) (intervalMs * ThreadLocalRandom.current().nextDouble());
            client.heartbeat = ctx.executor().scheduleAtFixedRate(() -> sendHeartbeat(ctx), first, intervalMs,
                    TimeUnit.MILLISECONDS);
            ObjectNode identify = Rest.JSON.createObjectNode().put("op", 2);
            ObjectNode d = identify.putObject("d");
            d.put("token", token);
            d.put("intents", INTENTS);
            d.putObject("properties").put("os", "linux").put("browser", "guildhall-bench").put("device", "guildhall-bench");
            ctx.writeAndFlush(new TextWebSocketFrame(identify.toString()));
        }

        private void sendHeartbeat(ChannelHandlerContext ctx) {
            long s = client.lastSeq;
            client.heartbeatsSent++;
            ctx.writeAndFlush(new TextWebSocketFrame("{\"op\":1,\"d\":" + (s < 0 ? "null" : String.valueOf(s)) + "}"));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                problem("client " + client.index + ": WebSocket handshake timed out");
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            client.closed = true;
            if (!client.ready.isDone()) {
                problem("client " + client.index + ": connection closed before READY (close code "
                        + client.closeCode + ")");
            }
            if (client.heartbeat != null) {
                client.heartbeat.cancel(false);
            }
            if (!client.ready.isDone()) {
                client.ready.completeExceptionally(new IOException("connection closed before READY (close code "
                        + client.closeCode + ")"));
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            problem("client " + client.index + ": " + cause);
            ctx.close();
        }
    }

    @Override
    public void close() {
        for (Client c : clients) {
            Channel ch = c.channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(new CloseWebSocketFrame(1000, "bench done"));
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
