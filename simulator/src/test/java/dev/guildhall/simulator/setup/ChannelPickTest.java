package dev.guildhall.simulator.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.simulator.api.ApiCallException;
import dev.guildhall.simulator.state.SimulatorState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelPickTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void picksGeneralAndTheFirstVoiceChannelFromDiscordChannelObjects() throws Exception {
        var channels = json.readTree("""
                [{"id":"10","type":4,"name":"Text Channels"},
                 {"id":"11","type":0,"name":"rules"},
                 {"id":"12","type":0,"name":"general"},
                 {"id":"13","type":2,"name":"General","bitrate":64000,"user_limit":0},
                 {"id":"14","type":2,"name":"AFK"}]""");
        SimulatorState.Guild g = CommunitySetup.withChannels("1", "Demo Guild 1", channels, "abc");
        assertThat(g.textChannelId).isEqualTo("12");
        assertThat(g.voiceChannelId).isEqualTo("13");
        assertThat(g.inviteCode).isEqualTo("abc");
    }

    @Test
    void aGuildWithoutAVoiceChannelIsAClearError() throws Exception {
        var channels = json.readTree("[{\"id\":\"12\",\"type\":0,\"name\":\"general\"}]");
        assertThatThrownBy(() -> CommunitySetup.withChannels("1", "g", channels, null))
                .isInstanceOf(ApiCallException.class).hasMessageContaining("voice");
    }
}
