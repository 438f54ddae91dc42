package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Discord's voice gateway (v8) over TLS on its own port, in front of the {@link VoiceRelay}:
 * <ol>
 *   <li>{@link #authorize} (after gateway op 4) issues the token of VOICE_SERVER_UPDATE; {@link #endpoint} is
 *       {@code host:port} of this server.</li>
 *   <li>HELLO {@code heartbeat_interval}; IDENTIFY {@code {server_id, user_id, session_id, token}} must match a
 *       live grant (4004 otherwise, 4011 for another server id), and a full server ({@link #limitConnections})
 *       refuses a new connection with 4022 → READY {@code {ssrc, ip, port, modes}}; the
 *       others in the channel get CLIENTS_CONNECT, the newcomer gets the others and their current SPEAKING.</li>
 *   <li>IP discovery on the UDP port binds the ssrc; SELECT_PROTOCOL {@code {protocol: "udp", data: {address,
 *       port, mode}}} (4012 unknown protocol, 4016 unknown mode) binds to the announced address and answers
 *       SESSION_DESCRIPTION {@code {mode, secret_key}} with a fresh 32-byte key.</li>
 *   <li>HEARTBEAT {@code {t, seq_ack}} → HEARTBEAT_ACK {@code {t}}; SPEAKING goes to the others with
 *       {@code user_id}; a lost socket may RESUME {@code {server_id, session_id, token, seq_ack}} within the resume
 *       window → RESUMED and the unacknowledged messages (4006 otherwise).</li>
 *   <li>{@link #disconnect} (left or moved channel, session ended) closes with 4014 and tells the others
 *       (CLIENT_DISCONNECT).</li>
 *   <li>{@link #maySpeak}: the relay drops the audio of a server-muted member or one without SPEAK;
 *       {@link #mayHear}: it sends none to a deafened member.</li>
 * </ol>
 */
public final class VoiceGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceGateway.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a connection whose socket dropped stays resumable. */
    static final Duration RESUME_WINDOW = Duration.ofSeconds(30);

    /** Told of every IDENTIFY refused because the server is full (a voice node reports them to core-server). */
    public interface Refusals {
        void refused(long guildId, long userId);
    }

    /** What a VOICE_SERVER_UPDATE token grants: this user's voice connection to one channel. */
    record Grant(long guildId, long channelId, long userId, String sessionId, String token) {
    }

    /** What the socket handler does after a payload: remember the connection, and/or close. */
    record Outcome(VoiceConnection connection, int closeCode, String reason) {
        static final Outcome NONE = new Outcome(null, 0, null);

        static Outcome close(int code, String reason) {
            return new Outcome(null, code, reason);
        }
    }

    private record MemberKey(long guildId, long userId) {
    }

    private final VoiceRelay relay;
    private final String bindHost;
    private final int configuredPort;
    private final String announcedHost;
    private final Duration heartbeatInterval;
    private final VoiceTls tls;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<MemberKey, Grant> grantByMember = new ConcurrentHashMap<>();
    private final Map<MemberKey, VoiceConnection> connections = new ConcurrentHashMap<>();
    /** Members whose audio is not forwarded (server-muted or no SPEAK) until their assignment ends. */
    private final Set<MemberKey> silenced = ConcurrentHashMap.newKeySet();
    /** Members who receive no audio (server- or self-deafened) until their assignment ends. */
    private final Set<MemberKey> deafened = ConcurrentHashMap.newKeySet();
    private final Counter identifies;
    private final Counter resumes;
    private final MeterRegistry registry;
    private EventLoopGroup group;
    private Channel server;
    private volatile int port = -1;
    /** Connections beyond this many are refused at IDENTIFY (a voice node's capacity). */
    private volatile int capacity = Integer.MAX_VALUE;
    private volatile Refusals refusals = (guildId, userId) -> { };
    /** Set on a voice node of a fleet: IDENTIFY also accepts tokens core-server signed for this server id. */
    private volatile VoiceTokens signedGrants;
    private volatile String voiceServerId;

    public VoiceGateway(VoiceRelay relay, String bindHost, int port, String announcedHost, Duration heartbeatInterval,
                        MeterRegistry registry) {
        this.relay = relay;
        this.bindHost = bindHost;
        this.configuredPort = port;
        this.announcedHost = announcedHost;
        this.heartbeatInterval = heartbeatInterval;
        this.tls = VoiceTls.selfSigned(announcedHost);
        Gauge.builder("guildhall.voice.gateway.connections", connections, Map::size)
                .description("identified voice gateway connections").register(registry);
        this.identifies = Counter.builder("guildhall.voice.gateway.identifies").register(registry);
        this.resumes = Counter.builder("guildhall.voice.gateway.resumes").register(registry);
        this.registry = registry;
    }

    /**
     * Accept at IDENTIFY the tokens core-server signed for this voice server ({@link VoiceTokens}), beside the ones
     * {@link #authorize} issued locally. Call before {@link #start}.
     */
    public void acceptSignedGrants(VoiceTokens tokens, String voiceServerId) {
        this.signedGrants = tokens;
        this.voiceServerId = voiceServerId;
    }

    /**
     * At most {@code capacity} identified connections: a further IDENTIFY (not replacing the member's own connection)
     * closes with 4022 "Call terminated" and is reported to {@code refusals}. Call before {@link #start}.
     */
    public void limitConnections(int capacity, Refusals refusals) {
        this.capacity = capacity;
        this.refusals = refusals;
    }

    /** Identified voice connections (the load a voice node reports). */
    public int connectionCount() {
        return connections.size();
    }

    /** Binds the TLS WebSocket port. */
    public synchronized void start() {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("voice-gateway", true),
                NioIoHandler.newFactory());
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder().websocketPath("/")
                .checkStartsWith(true).maxFramePayloadLength(64 * 1024).handleCloseFrames(true).build();
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", tls.context().newHandler(ch.alloc()))
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new HttpObjectAggregator(8192))
                                .addLast("ws", new WebSocketServerProtocolHandler(ws))
                                .addLast("voice", new VoiceGatewayHandler(VoiceGateway.this));
                    }
                });
        try {
            server = bootstrap.bind(new InetSocketAddress(bindHost, configuredPort)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
            throw new IllegalStateException("cannot bind the voice gateway " + bindHost + ":" + configuredPort + ": "
                    + e.getMessage(), e);
        }
        port = ((InetSocketAddress) server.localAddress()).getPort();
        LOG.info("event=voice_gateway_listening port={} endpoint={}", port, endpoint());
    }

    /** {@code host:port} as VOICE_SERVER_UPDATE announces it (clients prepend {@code wss://}). */
    public String endpoint() {
        return announcedHost + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The self-signed certificate clients must trust. */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** A new token for a user's connection to a channel; replaces (and disconnects) the user's earlier one. */
    String authorize(long guildId, long channelId, long userId, String sessionId) {
        disconnect(guildId, userId);
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        Grant grant = new Grant(guildId, channelId, userId, sessionId, HexFormat.of().formatHex(raw));
        grants.put(grant.token(), grant);
        grantByMember.put(new MemberKey(guildId, userId), grant);
        return grant.token();
    }

    /** The user left the channel (or moved, or the session ended): the token dies, the connection closes 4014. */
    public void disconnect(long guildId, long userId) {
        MemberKey key = new MemberKey(guildId, userId);
        silenced.remove(key);
        deafened.remove(key);
        Grant grant = grantByMember.remove(key);
        if (grant != null) {
            grants.remove(grant.token(), grant);
        }
        VoiceConnection c = connections.get(key);
        if (c != null) {
            end(c, VoiceOp.CLOSE_DISCONNECTED, "Disconnected.");
        }
    }

    /** The server closes a voice gateway socket with {@code code} (bad payloads among them); counted by code. */
    void closing(int code) {
        Counter.builder("guildhall.voice.gateway.closed").description("voice gateway sockets closed by the server")
                .tag("code", String.valueOf(code)).register(registry).increment();
    }

    /** Whether the relay forwards the member's audio (current connection, and one that IDENTIFYs later). */
    public void maySpeak(long guildId, long userId, boolean allowed) {
        MemberKey key = new MemberKey(guildId, userId);
        if (allowed) {
            silenced.remove(key);
        } else {
            silenced.add(key);
        }
        VoiceConnection c = connections.get(key);
        if (c != null) {
            c.session.silenced = !allowed;
        }
    }

    /** Whether the relay sends the member audio (current connection, and one that IDENTIFYs later). */
    public void mayHear(long guildId, long userId, boolean allowed) {
        MemberKey key = new MemberKey(guildId, userId);
        if (allowed) {
            deafened.remove(key);
        } else {
            deafened.add(key);
        }
        VoiceConnection c = connections.get(key);
        if (c != null) {
            c.session.deafened = !allowed;
        }
    }

    void hello(Channel channel) {
        ObjectNode hello = Json.object();
        hello.put("op", VoiceOp.HELLO);
        hello.putObject("d").put("heartbeat_interval", heartbeatInterval.toMillis());
        channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.TextWebSocketFrame(Json.string(hello)));
    }

    /** One client payload (event loop of its socket). */
    Outcome receive(Channel channel, VoiceConnection connection, int op, JsonNode d) {
        switch (op) {
            case VoiceOp.HEARTBEAT -> {
                return heartbeat(channel, connection, d);
            }
            case VoiceOp.IDENTIFY -> {
                return connection != null ? Outcome.close(VoiceOp.CLOSE_ALREADY_AUTHENTICATED, "Already authenticated.")
                        : identify(channel, d);
            }
            case VoiceOp.RESUME -> {
                return connection != null ? Outcome.close(VoiceOp.CLOSE_ALREADY_AUTHENTICATED, "Already authenticated.")
                        : resume(channel, d);
            }
            case VoiceOp.SELECT_PROTOCOL, VoiceOp.SPEAKING -> {
                if (connection == null || !connection.attachedTo(channel)) {
                    return Outcome.close(VoiceOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.");
                }
                return op == VoiceOp.SELECT_PROTOCOL ? selectProtocol(connection, d) : speaking(connection, d);
            }
            case 23, 26, 28, 31 -> {
                // DAVE client messages: DAVE is never announced here (dave_protocol_version 0), so they are ignored
                return connection == null ? Outcome.close(VoiceOp.CLOSE_NOT_AUTHENTICATED, "Not authenticated.")
                        : Outcome.NONE;
            }
            default -> {
                return Outcome.close(VoiceOp.CLOSE_UNKNOWN_OPCODE, "Unknown opcode.");
            }
        }
    }

    private Outcome heartbeat(Channel channel, VoiceConnection connection, JsonNode d) {
        JsonNode nonce;
        if (d != null && d.isObject()) {
            nonce = d.get("t");
            JsonNode ack = d.get("seq_ack");
            if (ack != null && !ack.isNull() && !ack.isIntegralNumber()) {
                return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
            }
        } else {
            nonce = d; // before v8: the nonce itself
        }
        if (nonce == null || !(nonce.isIntegralNumber() || nonce.isTextual())) {
            return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
        }
        ObjectNode ack = Json.object();
        ack.put("op", VoiceOp.HEARTBEAT_ACK);
        if (d.isObject()) {
            ack.putObject("d").set("t", nonce);
        } else {
            ack.set("d", nonce);
        }
        channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.TextWebSocketFrame(Json.string(ack)));
        if (connection != null) {
            relay.touch(connection.session);
        }
        return Outcome.NONE;
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        if (n == null || !(n.isTextual() || n.isIntegralNumber())) {
            return null;
        }
        return n.asText();
    }

    private Outcome identify(Channel channel, JsonNode d) {
        if (d == null || !d.isObject()) {
            return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
        }
        String serverId = text(d, "server_id");
        String userId = text(d, "user_id");
        String sessionId = text(d, "session_id");
        String token = text(d, "token");
        if (serverId == null || userId == null || sessionId == null || token == null) {
            return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
        }
        Grant grant = grants.get(token);
        if (grant == null && signedGrants != null) {
            grant = adoptSigned(token);
        }
        if (grant == null || !Json.id(grant.userId()).equals(userId) || !grant.sessionId().equals(sessionId)) {
            return Outcome.close(VoiceOp.CLOSE_AUTHENTICATION_FAILED, "Authentication failed.");
        }
        if (!Json.id(grant.guildId()).equals(serverId)) {
            return Outcome.close(VoiceOp.CLOSE_SERVER_NOT_FOUND, "Server not found.");
        }
        MemberKey key = new MemberKey(grant.guildId(), grant.userId());
        VoiceConnection previous = connections.get(key);
        if (previous == null && connections.size() >= capacity) { // one event loop: no IDENTIFY runs meanwhile
            Counter.builder("guildhall.voice.gateway.refused").description("IDENTIFYs refused: the server was full")
                    .tag("reason", "capacity").register(registry).increment();
            refusals.refused(grant.guildId(), grant.userId());
            LOG.info("event=voice_identify_refused reason=capacity guild_id={} user_id={} capacity={}",
                    grant.guildId(), grant.userId(), capacity);
            return Outcome.close(VoiceOp.CLOSE_CALL_TERMINATED, "Voice server full.");
        }
        if (previous != null) {
            end(previous, VoiceOp.CLOSE_SESSION_INVALID, "Session replaced by a new IDENTIFY.");
        }
        VoiceSession session = relay.admitEncrypted(grant.guildId(), grant.channelId(), grant.userId());
        VoiceConnection connection = new VoiceConnection(grant, session, channel);
        connections.put(key, connection);
        session.silenced = silenced.contains(key); // after put: a concurrent maySpeak sees the connection or the set
        session.deafened = deafened.contains(key);
        if (grants.get(token) != grant) { // disconnected meanwhile
            end(connection, VoiceOp.CLOSE_DISCONNECTED, "Disconnected.");
            return Outcome.NONE;
        }
        ObjectNode ready = Json.object();
        ready.put("ssrc", session.ssrc);
        ready.put("ip", relay.publicHost());
        ready.put("port", relay.boundPort());
        ArrayNode modes = ready.putArray("modes");
        TransportCrypto.MODES.forEach(modes::add);
        connection.send(VoiceOp.READY, ready, false);
        List<VoiceConnection> others = othersIn(connection);
        if (!others.isEmpty()) {
            ObjectNode present = Json.object();
            ArrayNode ids = present.putArray("user_ids");
            others.forEach(o -> ids.add(Json.id(o.grant.userId())));
            connection.send(VoiceOp.CLIENTS_CONNECT, present, true);
            ObjectNode joined = Json.object();
            joined.putArray("user_ids").add(Json.id(grant.userId()));
            for (VoiceConnection o : others) {
                o.send(VoiceOp.CLIENTS_CONNECT, joined, true);
                if (o.speaking() != 0) {
                    connection.send(VoiceOp.SPEAKING, speakingOf(o), true);
                }
            }
        }
        identifies.increment();
        LOG.debug("event=voice_identified guild_id={} channel_id={} user_id={} ssrc={}", grant.guildId(),
                grant.channelId(), grant.userId(), session.ssrc);
        return new Outcome(connection, 0, null);
    }

    /** A valid signed token becomes this user's grant, replacing an earlier one (a newer assignment). */
    private Grant adoptSigned(String token) {
        Grant grant = signedGrants.verify(token, voiceServerId);
        if (grant == null) {
            return null;
        }
        Grant previous = grantByMember.put(new MemberKey(grant.guildId(), grant.userId()), grant);
        if (previous != null) {
            grants.remove(previous.token(), previous);
        }
        grants.put(token, grant);
        return grant;
    }

    private Outcome resume(Channel channel, JsonNode d) {
        if (d == null || !d.isObject()) {
            return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
        }
        String serverId = text(d, "server_id");
        String sessionId = text(d, "session_id");
        String token = text(d, "token");
        JsonNode ack = d.get("seq_ack");
        if (serverId == null || sessionId == null || token == null
                || (ack != null && !ack.isNull() && !ack.isIntegralNumber())) {
            return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
        }
        Grant grant = grants.get(token);
        VoiceConnection connection = grant == null ? null
                : connections.get(new MemberKey(grant.guildId(), grant.userId()));
        if (connection == null || connection.grant != grant || !grant.sessionId().equals(sessionId)
                || !Json.id(grant.guildId()).equals(serverId) || !relay.isAdmitted(connection.session)
                || !connection.resume(channel, ack == null || ack.isNull() ? -1 : ack.asLong())) {
            return Outcome.close(VoiceOp.CLOSE_SESSION_INVALID, "Session no longer valid.");
        }
        resumes.increment();
        return new Outcome(connection, 0, null);
    }

    private Outcome selectProtocol(VoiceConnection connection, JsonNode d) {
        if (d == null || !d.isObject() || !d.path("protocol").isTextual()) {
            return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
        }
        if (!"udp".equals(d.get("protocol").textValue())) {
            return Outcome.close(VoiceOp.CLOSE_UNKNOWN_PROTOCOL, "Unknown protocol.");
        }
        JsonNode data = d.get("data");
        if (data == null || !data.isObject() || !data.path("mode").isTextual()) {
            return Outcome.close(VoiceOp.CLOSE_BAD_REQUEST, "Bad request.");
        }
        String mode = data.get("mode").textValue();
        if (!TransportCrypto.MODES.contains(mode)) {
            return Outcome.close(VoiceOp.CLOSE_UNKNOWN_ENCRYPTION_MODE, "Unknown encryption mode.");
        }
        InetSocketAddress announced = announcedAddress(data);
        if (announced != null) {
            relay.bind(connection.session, announced);
        }
        byte[] key = TransportCrypto.newKey();
        connection.session.crypto = new TransportCrypto(mode, key);
        ObjectNode description = Json.object();
        description.put("mode", mode);
        ArrayNode secret = description.putArray("secret_key");
        for (byte b : key) {
            secret.add(b & 0xFF);
        }
        description.put("audio_codec", "opus");
        description.put("media_session_id", HexFormat.of().formatHex(TransportCrypto.newKey(), 0, 16));
        description.put("dave_protocol_version", 0);
        connection.send(VoiceOp.SESSION_DESCRIPTION, description, true);
        return Outcome.NONE;
    }

    /** SELECT_PROTOCOL's address and port, if the address is an IP literal (no DNS lookups here). */
    private static InetSocketAddress announcedAddress(JsonNode data) {
        JsonNode address = data.get("address");
        JsonNode port = data.get("port");
        if (address == null || !address.isTextual() || port == null || !port.canConvertToInt()
                || port.intValue() < 1 || port.intValue() > 65535) {
            return null;
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(address.textValue());
        if (ip == null) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port.intValue());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private Outcome speaking(VoiceConnection connection, JsonNode d) {
        if (d == null || !d.isObject() || !(d.path("speaking").isIntegralNumber() || d.path("speaking").isBoolean())) {
            return Outcome.close(VoiceOp.CLOSE_DECODE_FAILED, "Failed to decode payload.");
        }
        JsonNode flags = d.get("speaking");
        connection.speaking(flags.isBoolean() ? (flags.booleanValue() ? 1 : 0) : flags.intValue());
        ObjectNode relayed = speakingOf(connection);
        for (VoiceConnection o : othersIn(connection)) {
            o.send(VoiceOp.SPEAKING, relayed, true);
        }
        return Outcome.NONE;
    }

    private static ObjectNode speakingOf(VoiceConnection c) {
        ObjectNode s = Json.object();
        s.put("user_id", Json.id(c.grant.userId()));
        s.put("ssrc", c.session.ssrc);
        s.put("speaking", c.speaking());
        return s;
    }

    private List<VoiceConnection> othersIn(VoiceConnection self) {
        List<VoiceConnection> others = new ArrayList<>();
        for (VoiceConnection c : connections.values()) {
            if (c != self && c.grant.guildId() == self.grant.guildId() && c.grant.channelId() == self.grant.channelId()
                    && !c.isEnded()) {
                others.add(c);
            }
        }
        return others;
    }

    /** The socket of an identified connection closed: resumable for {@link #RESUME_WINDOW}, then ended. */
    void detached(Channel channel, VoiceConnection connection) {
        long token = connection.detach(channel);
        if (token < 0) {
            return;
        }
        try {
            channel.eventLoop().schedule(() -> {
                if (connection.expireIf(token)) {
                    ended(connection);
                }
            }, RESUME_WINDOW.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            end(connection, 0, null);
        }
    }

    private void end(VoiceConnection connection, int closeCode, String reason) {
        if (connection.end(closeCode, reason)) {
            ended(connection);
        }
    }

    /** After a connection ended: forget it, free its ssrc, tell the others. */
    private void ended(VoiceConnection connection) {
        connections.remove(new MemberKey(connection.grant.guildId(), connection.grant.userId()), connection);
        relay.release(connection.session);
        ObjectNode gone = Json.object();
        gone.put("user_id", Json.id(connection.grant.userId()));
        for (VoiceConnection o : othersIn(connection)) {
            o.send(VoiceOp.CLIENT_DISCONNECT, gone, true);
        }
        LOG.debug("event=voice_connection_ended guild_id={} user_id={}", connection.grant.guildId(),
                connection.grant.userId());
    }

    /** The identified connection of a user in a guild (tests). */
    VoiceConnection connection(long guildId, long userId) {
        return connections.get(new MemberKey(guildId, userId));
    }

    @Override
    public synchronized void close() {
        for (VoiceConnection c : List.copyOf(connections.values())) {
            end(c, VoiceOp.CLOSE_SERVER_CRASHED, "Voice server stopping.");
        }
        if (server != null) {
            server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            server = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
        }
        port = -1;
    }
}
