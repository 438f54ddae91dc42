package dev.guildhall.core.voice;

import java.net.InetSocketAddress;

/**
 * The voice-relay benchmark's way into what the voice gateway does for a connection (admit an encrypted session,
 * bind it after IP discovery, give it its transport key), without a TLS WebSocket per simulated client: the
 * benchmark measures the UDP path. Lives in the relay's package for its package-private API; benchmark code only.
 */
public final class RelayBenchAccess {
    /** Name prefix of the relay's event loop thread. */
    public static final String THREAD = VoiceRelay.THREAD;

    private RelayBenchAccess() {
    }

    /** A voice gateway session of {@code userId} in a channel, bound to {@code client}, keyed with {@code key}. */
    public static Session admit(VoiceRelay relay, long guildId, long channelId, long userId,
                                InetSocketAddress client, byte[] key) {
        VoiceSession session = relay.admitEncrypted(guildId, channelId, userId);
        if (!relay.bind(session, client)) {
            throw new IllegalStateException("session replaced while binding");
        }
        session.crypto = new TransportCrypto(TransportCrypto.AES256_GCM, key);
        return new Session(session);
    }

    /** An admitted session. */
    public static final class Session {
        private final VoiceSession session;

        private Session(VoiceSession session) {
            this.session = session;
        }

        public long ssrc() {
            return session.ssrc;
        }

        /** What the relay's stream statistics hold once RTP flows (for memory accounting without traffic). */
        public void startStream() {
            session.stats = RtpStreamStatistics.opus();
        }
    }

    /** The client's side of a transport key: seals plaintext RTP as a Discord client would. */
    public static final class ClientCipher {
        private final TransportCrypto crypto;

        public ClientCipher(byte[] key) {
            this.crypto = new TransportCrypto(TransportCrypto.AES256_GCM, key);
        }

        /** Seals {@code rtp[0, length)} into {@code out}; returns the datagram's length. */
        public int seal(byte[] rtp, int length, byte[] out) {
            return crypto.encrypt(rtp, length, out);
        }

        public static int overhead() {
            return TransportCrypto.OVERHEAD;
        }
    }

    /**
     * The per-packet crypto of one forwarded packet, for microbenchmarks: a client seals plaintext RTP with its
     * transport key, the relay opens it with the sender's session crypto (nonce replay window included) and seals it
     * again with the receiver's, as {@link TransportDecryptHandler} and {@link ForwardingHandler} do.
     */
    public static final class CryptoPath {
        private final TransportCrypto client;
        private final TransportCrypto fromSender;
        private final TransportCrypto toReceiver;
        private final byte[] sealed = new byte[VoiceRelay.MAX_DATAGRAM + TransportCrypto.OVERHEAD];
        private final byte[] plain = new byte[VoiceRelay.MAX_DATAGRAM];
        private final byte[] forwarded = new byte[VoiceRelay.MAX_DATAGRAM + TransportCrypto.OVERHEAD];

        /** {@code mode}: aead_aes256_gcm_rtpsize or aead_xchacha20_poly1305_rtpsize. */
        public CryptoPath(String mode) {
            byte[] senderKey = TransportCrypto.newKey();
            this.client = new TransportCrypto(mode, senderKey);
            this.fromSender = new TransportCrypto(mode, senderKey);
            this.toReceiver = new TransportCrypto(mode, TransportCrypto.newKey());
        }

        /** The client's seal alone; returns the datagram's length. */
        public int seal(byte[] rtp, int length) {
            return client.encrypt(rtp, length, sealed);
        }

        /** The client's seal, then the relay's open and re-seal; returns the forwarded datagram's length. */
        public int sealAndForward(byte[] rtp, int length) {
            int n = client.encrypt(rtp, length, sealed);
            int p = fromSender.decrypt(sealed, n, plain);
            if (p < 0) {
                throw new IllegalStateException("the relay could not open the packet: " + p);
            }
            return toReceiver.encrypt(plain, p, forwarded);
        }
    }

    /** The relay's UDP transport (epoll when available, else NIO), so a baseline server can use the same. */
    public static String transportName() {
        return UdpTransport.best().name();
    }

    public static io.netty.channel.IoHandlerFactory transportIoHandlerFactory() {
        return UdpTransport.best().ioHandlerFactory();
    }

    /** A bootstrap with the relay's transport and socket options (read batches, buffers) on {@code group}. */
    public static io.netty.bootstrap.Bootstrap udpBootstrap(io.netty.channel.EventLoopGroup group) {
        return VoiceRelay.udpBootstrap(group, UdpTransport.best());
    }

    public static byte[] newKey() {
        return TransportCrypto.newKey();
    }
}
