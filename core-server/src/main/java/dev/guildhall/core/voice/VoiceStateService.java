package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.channels.ChannelStore;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.ApiException;
import dev.guildhall.core.gateway.Dispatch;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.gateway.VoiceStateHandler;
import dev.guildhall.core.gateway.VoiceStateRequest;
import dev.guildhall.core.gateway.VoiceStateSession;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.guilds.GuildStore;
import dev.guildhall.core.guilds.GuildViews;
import dev.guildhall.core.guilds.Member;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.members.MemberVoice;
import dev.guildhall.core.permissions.Permissions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gateway op 4 (Update Voice State) as Discord handles it:
 * <ul>
 *   <li>join or move: the user needs CONNECT in a voice channel of the guild; a channel at its {@code user_limit}
 *       admits only members with MOVE_MEMBERS. A refused request is silently ignored (Discord sends neither event
 *       back); refusals are counted in {@code guildhall.voice.state.refused{reason}}.</li>
 *   <li>then VOICE_STATE_UPDATE (with {@code member} and {@code session_id}) goes to the guild's sessions with
 *       GUILD_VOICE_STATES that can view the channel (and to the requesting session in any case), and only then
 *       VOICE_SERVER_UPDATE {@code {token, guild_id, endpoint}} to the requesting session: JDA reads the
 *       session id from its own voice state when the server update arrives.</li>
 *   <li>same channel again: only the self mute/deaf flags change (VOICE_STATE_UPDATE, no new token).</li>
 *   <li>leave ({@code channel_id} null), the end of the gateway session, or leaving the guild: VOICE_STATE_UPDATE
 *       with {@code channel_id} null, and the voice connection is closed (4014).</li>
 *   <li>the voice server is chosen for the channel's {@code rtc_region}; when it changes, everyone in the channel
 *       gets a new VOICE_SERVER_UPDATE ({@link #rtcRegionChanged}).</li>
 *   <li>moderators ({@link MemberVoice}, from {@code PATCH /guilds/{id}/members/{user}}): server {@code mute} /
 *       {@code deaf} (stored on the member, carried by every voice state), moving to another channel (VOICE_STATE_UPDATE,
 *       then VOICE_SERVER_UPDATE to the moved user) and disconnecting. {@code suppress} is true where the member
 *       lacks SPEAK (recomputed after every permission change, {@link #permissionsChanged}); the voice server drops
 *       the audio of a member who is server-muted or suppressed, and sends none to a member who is server- or
 *       self-deafened.</li>
 * </ul>
 * Every join and leave is a {@code voice.session.joined}/{@code .left} event on {@code guildhall.voice.sessions}.
 */
public final class VoiceStateService implements VoiceStateHandler, MemberVoice {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceStateService.class);

    private final Database db;
    private final ChannelAccess access;
    private final GuildService guilds;
    private final GuildEventBus bus;
    private final VoiceServers voice;
    private final VoiceSessionEventPublisher events;
    private final Executor worker;
    private final VoiceStates states = new VoiceStates();
    /** The gateway session holding each voice state (guarded by {@code states}): who gets a moved connection. */
    private final Map<Holder, VoiceStateSession> holders = new HashMap<>();
    private final MeterRegistry registry;

    private record Holder(long guildId, long userId) {
    }

    public VoiceStateService(Database db, ChannelAccess access, GuildService guilds, GuildEventBus bus,
                             VoiceServers voice, VoiceSessionEventPublisher events, Executor worker,
                             MeterRegistry registry) {
        this.db = db;
        this.access = access;
        this.guilds = guilds;
        this.bus = bus;
        this.voice = voice;
        this.events = events;
        this.worker = worker;
        this.registry = registry;
        Gauge.builder("guildhall.voice.states", states, VoiceStates::size)
                .description("members in a voice channel on this node").register(registry);
        voice.onMove((guildId, userId) -> onWorker(() -> reassign(guildId, userId)));
    }

    @Override
    public void update(VoiceStateSession session, VoiceStateRequest request) {
        try {
            long userId = session.userId();
            if (!session.follows(request.guildId())) {
                refused("unknown_guild", session, request);
                return;
            }
            if (request.channelId() == 0) {
                synchronized (states) {
                    VoiceState old = states.get(request.guildId(), userId);
                    if (old != null) {
                        leave(old, "left", session);
                    }
                }
                return;
            }
            join(session, request, userId);
        } catch (RuntimeException e) {
            LOG.error("event=voice_state_update_failed session_id={} error={}", session.sessionId(), e.toString(), e);
        }
    }

    private void join(VoiceStateSession session, VoiceStateRequest request, long userId) {
        ChannelGrant grant;
        try {
            grant = db.read(c -> access.require(c, request.channelId(), userId, Permissions.CONNECT));
        } catch (ApiException e) {
            refused("missing_access", session, request);
            return;
        }
        if (grant.guild().id() != request.guildId() || !grant.channel().isVoice()) {
            refused("not_a_voice_channel", session, request);
            return;
        }
        Member member = guilds.member(request.guildId(), userId);
        if (member == null) {
            refused("missing_access", session, request);
            return;
        }
        ObjectNode memberJson = GuildViews.member(member, true);
        boolean suppress = !Permissions.has(grant.permissions(), Permissions.SPEAK);
        long now = System.currentTimeMillis();
        synchronized (states) {
            VoiceState old = states.get(request.guildId(), userId);
            boolean sameConnection = old != null && old.channelId() == request.channelId()
                    && old.sessionId().equals(session.sessionId());
            if (!sameConnection) {
                Integer limit = grant.channel().userLimit();
                if (limit != null && limit > 0
                        && states.occupants(request.guildId(), request.channelId(), userId) >= limit
                        && !Permissions.has(grant.permissions(), Permissions.MOVE_MEMBERS)) {
                    refused("channel_full", session, request);
                    return;
                }
            }
            VoiceState state = new VoiceState(request.guildId(), request.channelId(), userId, session.sessionId(),
                    request.selfMute(), request.selfDeaf(), request.selfVideo(),
                    sameConnection ? old.joinedAtMillis() : now, member.mute(), member.deaf(), suppress);
            states.put(state);
            if (old != null && !sameConnection) {
                voice.disconnect(old.guildId(), old.userId());
                events.left(old, old.channelId() == state.channelId() ? "session_replaced" : "moved", now);
            }
            ObjectNode data = state.json();
            data.set("member", memberJson);
            publish(state.guildId(), state.channelId(), data, session);
            holders.put(new Holder(state.guildId(), state.userId()), session);
            if (sameConnection) {
                relayFlags(old, state);
            }
            if (!sameConnection) {
                sendServer(session, state, grant.channel().rtcRegion());
                events.joined(state);
                LOG.debug("event=voice_joined guild_id={} channel_id={} user_id={} session_id={}", state.guildId(),
                        state.channelId(), userId, session.sessionId());
            }
        }
    }

    /**
     * A voice server for the state's connection in the channel's {@code rtc_region} (null: automatic), announced by
     * VOICE_SERVER_UPDATE (caller holds {@code states}); the server learns whether it may forward the member's audio.
     */
    private void sendServer(VoiceStateSession session, VoiceState state, String rtcRegion) {
        VoiceServers.Assignment a = voice.assign(state.guildId(), state.channelId(), state.userId(),
                session.sessionId(), rtcRegion);
        voice.maySpeak(state.guildId(), state.userId(), state.maySpeak());
        voice.mayHear(state.guildId(), state.userId(), state.mayHear());
        ObjectNode server = Json.object();
        server.put("token", a.token());
        server.put("guild_id", Json.id(state.guildId()));
        server.put("endpoint", a.endpoint());
        session.dispatchDirect("VOICE_SERVER_UPDATE", server);
    }

    /**
     * The user's voice server went away (died, turned unhealthy, or none was available): a new one is chosen and sent
     * as VOICE_SERVER_UPDATE, on which Discord clients reconnect their voice connection.
     */
    private void reassign(long guildId, long userId) {
        synchronized (states) {
            VoiceState state = states.get(guildId, userId);
            VoiceStateSession holder = state == null ? null : holders.get(new Holder(state.guildId(), state.userId()));
            if (holder == null) {
                voice.disconnect(guildId, userId);
                return;
            }
            sendServer(holder, state, rtcRegion(state.channelId()));
            LOG.info("event=voice_connection_moved guild_id={} channel_id={} user_id={}", guildId, state.channelId(),
                    userId);
        }
    }

    private String rtcRegion(long channelId) {
        Channel ch = db.read(c -> ChannelStore.find(c, channelId));
        return ch == null ? null : ch.rtcRegion();
    }

    /** A voice channel's {@code rtc_region} changed: everyone in it gets a voice server of the new region. */
    public void rtcRegionChanged(Channel channel) {
        onWorker(() -> {
            synchronized (states) {
                for (VoiceState state : states.inChannel(channel.guildId(), channel.id())) {
                    VoiceStateSession holder = holders.get(new Holder(state.guildId(), state.userId()));
                    if (holder != null) {
                        sendServer(holder, state, channel.rtcRegion());
                    }
                }
            }
            LOG.info("event=voice_channel_region_changed guild_id={} channel_id={} rtc_region={}", channel.guildId(),
                    channel.id(), channel.rtcRegion());
        });
    }

    @Override
    public Long channelOf(long guildId, long userId) {
        VoiceState s = states.get(guildId, userId);
        return s == null ? null : s.channelId();
    }

    @Override
    public void serverFlags(long guildId, long userId, boolean mute, boolean deaf) {
        synchronized (states) {
            VoiceState old = states.get(guildId, userId);
            if (old == null || (old.mute() == mute && old.deaf() == deaf)) {
                return;
            }
            VoiceState state = old.withServerFlags(mute, deaf);
            states.put(state);
            relayFlags(old, state);
            publishWithMember(state, state.json());
        }
    }

    /** Tells the voice server what changed between two states of one connection: may speak, may hear. */
    private void relayFlags(VoiceState old, VoiceState state) {
        if (old.maySpeak() != state.maySpeak()) {
            voice.maySpeak(state.guildId(), state.userId(), state.maySpeak());
        }
        if (old.mayHear() != state.mayHear()) {
            voice.mayHear(state.guildId(), state.userId(), state.mayHear());
        }
    }

    /**
     * After a permission change in the guild committed (roles, role permissions, member roles, channel overwrites:
     * {@code GuildEventBus#onPermissionChange}), on the request's thread: {@code suppress} (no SPEAK) is recomputed
     * for every member in a voice channel of the guild; a changed one gets VOICE_STATE_UPDATE and the voice server
     * silences or unsilences the member before the request answers.
     */
    public void permissionsChanged(long guildId) {
        synchronized (states) {
            List<VoiceState> present = states.inGuild(guildId);
            if (present.isEmpty()) {
                return;
            }
            Map<VoiceState, Boolean> suppressed = db.read(c -> {
                Map<VoiceState, Boolean> now = new HashMap<>();
                for (VoiceState s : present) {
                    Channel ch = ChannelStore.find(c, s.channelId());
                    if (ch != null && GuildStore.isMember(c, guildId, s.userId())) {
                        now.put(s, !Permissions.has(access.permissionsOf(c, ch, s.userId()), Permissions.SPEAK));
                    }
                }
                return now;
            });
            suppressed.forEach((old, suppress) -> {
                if (old.suppress() != suppress && states.get(guildId, old.userId()) == old) {
                    VoiceState state = old.withSuppress(suppress);
                    states.put(state);
                    relayFlags(old, state);
                    publishWithMember(state, state.json());
                    LOG.debug("event=voice_suppress_changed guild_id={} channel_id={} user_id={} suppress={}", guildId,
                            state.channelId(), state.userId(), suppress);
                }
            });
        }
    }

    @Override
    public void move(long guildId, long userId, long channelId) {
        synchronized (states) {
            VoiceState old = states.get(guildId, userId);
            if (old == null) {
                return;
            }
            if (channelId == 0) {
                leave(old, "disconnected", null);
                return;
            }
            if (old.channelId() == channelId) {
                return;
            }
            record Target(Channel channel, long permissions) {
            }
            Target target = db.read(c -> {
                Channel ch = ChannelStore.find(c, channelId);
                return ch == null ? null : new Target(ch, access.permissionsOf(c, ch, userId));
            });
            if (target == null) {
                return; // deleted meanwhile
            }
            VoiceStateSession holder = holders.get(new Holder(guildId, userId));
            long now = System.currentTimeMillis();
            VoiceState state = old.movedTo(channelId, !Permissions.has(target.permissions(), Permissions.SPEAK), now);
            states.put(state);
            events.left(old, "moved", now);
            // gone from the old channel for those who see only it, then present in the new one
            publish(guildId, old.channelId(), withMember(old.leftJson(), guildId, userId), null);
            publishWithMember(state, state.json());
            if (holder != null) {
                sendServer(holder, state, target.channel().rtcRegion());
            } else {
                voice.disconnect(guildId, userId);
            }
            events.joined(state);
            LOG.info("event=voice_member_moved guild_id={} user_id={} from={} to={}", guildId, userId,
                    old.channelId(), channelId);
        }
    }

    private void publishWithMember(VoiceState state, ObjectNode data) {
        publish(state.guildId(), state.channelId(), withMember(data, state.guildId(), state.userId()), null);
    }

    private ObjectNode withMember(ObjectNode data, long guildId, long userId) {
        Member member = guilds.member(guildId, userId);
        if (member != null) {
            data.set("member", GuildViews.member(member, true));
        }
        return data;
    }

    /** VOICE_STATE_UPDATE to the guild (intent and channel gated), and to the acting session if the gate missed it. */
    private void publish(long guildId, long channelId, ObjectNode data, VoiceStateSession actor) {
        bus.publish(guildId, Dispatch.inChannel("VOICE_STATE_UPDATE", data, Intents.GUILD_VOICE_STATES, channelId));
        if (actor != null && (actor.intents() & Intents.GUILD_VOICE_STATES) == 0) {
            actor.dispatchDirect("VOICE_STATE_UPDATE", data);
        }
    }

    /** Ends a voice state (caller holds the {@code states} lock). */
    private void leave(VoiceState old, String reason, VoiceStateSession actor) {
        if (!states.remove(old)) {
            return;
        }
        holders.remove(new Holder(old.guildId(), old.userId()));
        voice.disconnect(old.guildId(), old.userId());
        ObjectNode data = withMember(old.leftJson(), old.guildId(), old.userId());
        publish(old.guildId(), old.channelId(), data, actor);
        events.left(old, reason, System.currentTimeMillis());
        LOG.debug("event=voice_left guild_id={} channel_id={} user_id={} reason={}", old.guildId(), old.channelId(),
                old.userId(), reason);
    }

    @Override
    public void sessionEnded(VoiceStateSession session) {
        onWorker(() -> {
            synchronized (states) {
                for (VoiceState s : states.heldBy(session.sessionId())) {
                    leave(s, "session_ended", null);
                }
            }
        });
    }

    @Override
    public void guildLeft(VoiceStateSession session, long guildId) {
        onWorker(() -> {
            synchronized (states) {
                VoiceState s = states.get(guildId, session.userId());
                if (s != null && s.sessionId().equals(session.sessionId())) {
                    leave(s, "guild_left", null);
                }
            }
        });
    }

    private void onWorker(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("event=voice_state_cleanup_failed error={}", e.toString(), e);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the node stops: voice states end with it
        }
    }

    @Override
    public ArrayNode voiceStates(long guildId) {
        return states.json(guildId);
    }

    /** The voice state of a user in a guild, or null (tests, voice gateway). */
    VoiceState state(long guildId, long userId) {
        return states.get(guildId, userId);
    }

    private void refused(String reason, VoiceStateSession session, VoiceStateRequest request) {
        Counter.builder("guildhall.voice.state.refused").tag("reason", reason).register(registry).increment();
        LOG.debug("event=voice_state_refused reason={} session_id={} guild_id={} channel_id={}", reason,
                session.sessionId(), request.guildId(), request.channelId());
    }
}
