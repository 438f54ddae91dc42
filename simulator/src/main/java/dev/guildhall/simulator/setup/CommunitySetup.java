package dev.guildhall.simulator.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.simulator.api.ApiCallException;
import dev.guildhall.simulator.api.CoreApi;
import dev.guildhall.simulator.api.Session;
import dev.guildhall.simulator.config.SimulatorConfig;
import dev.guildhall.simulator.state.SimulatorState;
import dev.guildhall.simulator.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sets up the demo community idempotently: accounts {@code owner}, {@code sre} and sim-user-NN (register, or log in
 * when the name is taken / known from the state file), the owner's demo guilds with their default channels, one
 * invite per guild, and every simulated user joining one guild (round robin). A failed step is logged and retried
 * after the configured delay; it never ends the simulator.
 */
public final class CommunitySetup {
    public static final String OWNER = "owner";
    public static final String SRE = "sre";
    private static final Logger log = LoggerFactory.getLogger(CommunitySetup.class);
    private static final int UNKNOWN_INVITE = 10006;
    private static final int MAX_JOIN_ATTEMPTS = 5;

    private final SimulatorConfig config;
    private final CoreApi api;
    private final StateStore store;
    private final Consumer<String> phase;
    private SimulatorState state;

    public CommunitySetup(SimulatorConfig config, CoreApi api, StateStore store, Consumer<String> phase) {
        this.config = config;
        this.api = api;
        this.store = store;
        this.phase = phase;
    }

    public Community run() throws InterruptedException {
        state = store.load(config.coreUrl().toString());
        phase.accept("signing in owner");
        Session owner = retry("sign in " + OWNER, () -> signIn(OWNER));
        phase.accept("signing in sre");
        retry("sign in " + SRE, () -> signIn(SRE));

        List<SimulatorState.Guild> guilds = new ArrayList<>();
        for (int i = 1; i <= config.guilds(); i++) {
            String name = "Demo Guild " + i;
            phase.accept("guild " + name);
            guilds.add(retry("guild " + name, () -> ensureGuild(owner, name)));
        }

        List<Community.Member> members = new ArrayList<>();
        for (int i = 1; i <= config.users(); i++) {
            String username = config.simUser(i);
            phase.accept("user " + username);
            Session session = retry("sign in " + username, () -> signIn(username));
            SimulatorState.Guild home = guilds.get((i - 1) % guilds.size());
            if (join(owner, username, session, home)) {
                members.add(new Community.Member(username, session, home));
            }
        }
        log.info("community ready guilds={} members={} state={}", guilds.size(), members.size(), store.path());
        return new Community(owner, guilds, members);
    }

    /** Log in when the account is known, else register; each falls back to the other on a client error. */
    Session signIn(String username) throws ApiCallException {
        boolean known = state.accounts.containsKey(username);
        Session s;
        if (known) {
            try {
                s = api.login(username, config.password());
            } catch (ApiCallException e) {
                if (!e.isClientError()) {
                    throw e;
                }
                log.info("login of known account {} failed ({}); registering it", username, e.getMessage());
                s = api.register(username, config.password());
            }
        } else {
            try {
                s = api.register(username, config.password());
                log.debug("registered {}", username);
            } catch (ApiCallException e) {
                if (!e.isClientError()) {
                    throw e;
                }
                log.debug("register {} refused ({}); logging in", username, e.getMessage());
                s = api.login(username, config.password());
            }
        }
        SimulatorState.Account account = state.accounts.get(username);
        if (account == null || !s.userId().equals(account.userId)) {
            // a new account (or the server was reset): memberships recorded for another id are void
            state.accounts.put(username, new SimulatorState.Account(s.userId()));
            store.save(state);
        }
        return s;
    }

    SimulatorState.Guild ensureGuild(Session owner, String name) throws ApiCallException {
        SimulatorState.Guild known = state.guildNamed(name);
        SimulatorState.Guild g = null;
        if (known != null) {
            try {
                g = withChannels(known.id, name, api.guildChannels(owner.token(), known.id), known.inviteCode);
            } catch (ApiCallException e) {
                if (!e.isClientError()) {
                    throw e;
                }
                log.info("guild {} ({}) from the state file is gone ({}); creating it again", name, known.id, e.getMessage());
                state.guilds.remove(known);
            }
        }
        if (g == null) {
            g = findExisting(owner, name);
        }
        if (g == null) {
            JsonNode created = api.createGuild(owner.token(), name);
            String id = created.path("id").asText("");
            if (id.isEmpty()) {
                throw new ApiCallException("POST /guilds", 201, 0, "answer has no id");
            }
            JsonNode channels = created.path("channels");
            if (!channels.isArray() || channels.isEmpty()) {
                channels = api.guildChannels(owner.token(), id);
            }
            g = withChannels(id, name, channels, null);
            log.info("created guild name='{}' id={} text={} voice={}", name, id, g.textChannelId, g.voiceChannelId);
        }
        if (g.inviteCode == null) {
            g.inviteCode = api.createInvite(owner.token(), g.textChannelId);
        }
        SimulatorState.Guild result = g;
        state.guilds.removeIf(x -> x.name.equals(result.name) || x.id.equals(result.id));
        state.guilds.add(result);
        store.save(state);
        return result;
    }

    /** The owner's guild of that name, when core-server lists the owner's guilds (Discord's GET /users/@me/guilds). */
    private SimulatorState.Guild findExisting(Session owner, String name) throws ApiCallException {
        JsonNode list;
        try {
            list = api.myGuilds(owner.token());
        } catch (ApiCallException e) {
            if (e.isClientError()) {
                return null; // not implemented or not allowed: create instead
            }
            throw e;
        }
        for (JsonNode g : list) {
            if (name.equals(g.path("name").asText())) {
                String id = g.path("id").asText();
                log.info("reusing existing guild name='{}' id={}", name, id);
                return withChannels(id, name, api.guildChannels(owner.token(), id), null);
            }
        }
        return null;
    }

    /** Picks the text channel {@code general} (else the first text channel) and the first voice channel. */
    static SimulatorState.Guild withChannels(String id, String name, JsonNode channels, String inviteCode)
            throws ApiCallException {
        String text = null;
        String firstText = null;
        String voice = null;
        for (JsonNode c : channels) {
            int type = c.path("type").asInt(-1);
            String cid = c.path("id").asText("");
            if (type == 0) {
                if (firstText == null) {
                    firstText = cid;
                }
                if (text == null && "general".equals(c.path("name").asText())) {
                    text = cid;
                }
            } else if (type == 2 && voice == null) {
                voice = cid;
            }
        }
        if (text == null) {
            text = firstText;
        }
        if (text == null || voice == null) {
            throw new ApiCallException("channels of guild " + id, 200, 0,
                    "expected a text and a voice channel, got " + channels);
        }
        return new SimulatorState.Guild(id, name, text, voice, inviteCode);
    }

    /** Joins {@code guild} by its invite unless the state file says the user is in; false if it keeps failing. */
    private boolean join(Session owner, String username, Session session, SimulatorState.Guild guild)
            throws InterruptedException {
        SimulatorState.Account account = state.accounts.get(username);
        if (account.joinedGuilds.contains(guild.id)) {
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                api.joinInvite(session.token(), guild.inviteCode);
                account.joinedGuilds.add(guild.id);
                store.save(state);
                return true;
            } catch (ApiCallException e) {
                if (e.code() == UNKNOWN_INVITE || e.status() == 404) {
                    log.info("invite {} of {} unknown; creating a new one", guild.inviteCode, guild.name);
                    try {
                        guild.inviteCode = api.createInvite(owner.token(), guild.textChannelId);
                        store.save(state);
                    } catch (ApiCallException again) {
                        log.warn("creating an invite for {} failed: {}", guild.name, again.getMessage());
                    }
                } else {
                    log.warn("{} joining {} failed (attempt {}): {}", username, guild.name, attempt, e.getMessage());
                }
                if (attempt >= MAX_JOIN_ATTEMPTS && e.isClientError()) {
                    log.error("{} could not join {}; leaving it out of the simulation", username, guild.name);
                    return false;
                }
                Thread.sleep(config.retryDelay().toMillis());
            }
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws ApiCallException;
    }

    private <T> T retry(String what, Step<T> step) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.run();
            } catch (ApiCallException e) {
                if (attempt == 1 || attempt % 10 == 0) {
                    log.warn("setup step '{}' failed (attempt {}), retrying every {} ms: {}", what, attempt,
                            config.retryDelay().toMillis(), e.getMessage());
                }
                Thread.sleep(config.retryDelay().toMillis());
            } catch (RuntimeException e) {
                log.error("setup step '{}' failed unexpectedly (attempt {}), retrying: {}", what, attempt, e.toString());
                Thread.sleep(config.retryDelay().toMillis());
            }
        }
    }
}
