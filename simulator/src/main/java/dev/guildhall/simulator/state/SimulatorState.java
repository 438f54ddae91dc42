package dev.guildhall.simulator.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;

/**
 * What the simulator has created on a core-server, kept in GUILDHALL_SIM_STATE so that a rerun logs in instead of
 * registering again and reuses its guilds. Mutable, guarded by the caller (setup runs on one thread).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class SimulatorState {
    /** core-server the state belongs to; a different URL starts from scratch */
    @JsonProperty("core_url")
    public String coreUrl;

    /** username → account */
    @JsonProperty("accounts")
    public Map<String, Account> accounts = new TreeMap<>();

    @JsonProperty("guilds")
    public List<Guild> guilds = new ArrayList<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Account {
        @JsonProperty("user_id")
        public String userId;
        /** guild ids this account has joined */
        @JsonProperty("joined_guilds")
        public Set<String> joinedGuilds = new TreeSet<>();

        public Account() {
        }

        public Account(String userId) {
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Account a && Objects.equals(userId, a.userId) && Objects.equals(joinedGuilds, a.joinedGuilds);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, joinedGuilds);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Guild {
        @JsonProperty("id")
        public String id;
        @JsonProperty("name")
        public String name;
        @JsonProperty("text_channel_id")
        public String textChannelId;
        @JsonProperty("voice_channel_id")
        public String voiceChannelId;
        @JsonProperty("invite_code")
        public String inviteCode;

        public Guild() {
        }

        public Guild(String id, String name, String textChannelId, String voiceChannelId, String inviteCode) {
            this.id = id;
            this.name = name;
            this.textChannelId = textChannelId;
            this.voiceChannelId = voiceChannelId;
            this.inviteCode = inviteCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Guild g && Objects.equals(id, g.id) && Objects.equals(name, g.name)
                    && Objects.equals(textChannelId, g.textChannelId) && Objects.equals(voiceChannelId, g.voiceChannelId)
                    && Objects.equals(inviteCode, g.inviteCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name, textChannelId, voiceChannelId, inviteCode);
        }
    }

    public Guild guildNamed(String name) {
        return guilds.stream().filter(g -> name.equals(g.name)).findFirst().orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulatorState s && Objects.equals(coreUrl, s.coreUrl) && Objects.equals(accounts, s.accounts)
                && Objects.equals(guilds, s.guilds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(coreUrl, accounts, guilds);
    }
}
