package dev.guildhall.core.voice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's session registry: sessions by ssrc and by (channel, user), and per channel the array of members bound
 * to a UDP address (copy-on-write, so the forwarding path iterates it without allocating or locking).
 * Mutations are serialised on this object; lookups are lock-free.
 */
final class VoiceSessions {
    private static final VoiceSession[] NONE = new VoiceSession[0];
    private static final int TOKEN_BYTES = 16;

    private final SecureRandom random = new SecureRandom();
    private final Map<Long, VoiceSession> bySsrc = new ConcurrentHashMap<>();
    private final Map<MemberKey, VoiceSession> byMember = new ConcurrentHashMap<>();
    private final Map<Long, VoiceSession[]> boundByChannel = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, VoiceSession> byAddress = new ConcurrentHashMap<>();

    private record MemberKey(long channelId, long userId) {
    }

    /** Create a session with a fresh ssrc and token, replacing the user's earlier session in that channel. */
    synchronized VoiceSession admit(long guildId, long channelId, long userId, boolean encrypted, long nowNanos) {
        VoiceSession previous = byMember.get(new MemberKey(channelId, userId));
        if (previous != null) {
            remove(previous);
        }
        long ssrc;
        do {
            ssrc = random.nextInt() & 0xFFFF_FFFFL;
        } while (ssrc == 0 || bySsrc.containsKey(ssrc));
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        byte[] token = HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
        VoiceSession session = new VoiceSession(ssrc, guildId, channelId, userId, token, encrypted, nowNanos);
        bySsrc.put(ssrc, session);
        byMember.put(new MemberKey(channelId, userId), session);
        return session;
    }

    VoiceSession bySsrc(long ssrc) {
        return bySsrc.get(ssrc);
    }

    VoiceSession byMember(long channelId, long userId) {
        return byMember.get(new MemberKey(channelId, userId));
    }

    /** Bind (or rebind) a session to a source address; false if the session was replaced or removed meanwhile. */
    synchronized boolean bind(VoiceSession session, InetSocketAddress address) {
        if (bySsrc.get(session.ssrc) != session) {
            return false;
        }
        InetSocketAddress previous = session.boundAddress;
        boolean wasBound = previous != null;
        if (wasBound) {
            byAddress.remove(previous, session);
        }
        session.boundAddress = address;
        byAddress.put(address, session);
        if (!wasBound) {
            VoiceSession[] members = boundByChannel.getOrDefault(session.channelId, NONE);
            VoiceSession[] grown = java.util.Arrays.copyOf(members, members.length + 1);
            grown[members.length] = session;
            boundByChannel.put(session.channelId, grown);
        }
        return true;
    }

    /** Forget a session entirely (replaced, released or idle). */
    synchronized void remove(VoiceSession session) {
        if (bySsrc.get(session.ssrc) == session) {
            bySsrc.remove(session.ssrc);
        }
        byMember.remove(new MemberKey(session.channelId, session.userId), session);
        VoiceSession[] members = boundByChannel.get(session.channelId);
        if (members != null) {
            int index = -1;
            for (int i = 0; i < members.length; i++) {
                if (members[i] == session) {
                    index = i;
                    break;
                }
            }
            if (index >= 0) {
                if (members.length == 1) {
                    boundByChannel.remove(session.channelId);
                } else {
                    VoiceSession[] shrunk = new VoiceSession[members.length - 1];
                    System.arraycopy(members, 0, shrunk, 0, index);
                    System.arraycopy(members, index + 1, shrunk, index, members.length - index - 1);
                    boundByChannel.put(session.channelId, shrunk);
                }
            }
        }
        InetSocketAddress address = session.boundAddress;
        if (address != null) {
            byAddress.remove(address, session);
        }
        session.boundAddress = null;
    }

    /** The session bound to this source address, or null (keepalives carry no ssrc). */
    VoiceSession byAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    /** Members of a channel bound to an address; never null, do not modify. */
    VoiceSession[] boundMembers(long channelId) {
        return boundByChannel.getOrDefault(channelId, NONE);
    }

    Collection<VoiceSession> all() {
        return bySsrc.values();
    }

    int size() {
        return bySsrc.size();
    }

    int boundCount() {
        int n = 0;
        for (VoiceSession[] members : boundByChannel.values()) {
            n += members.length;
        }
        return n;
    }
}
