package dev.guildhall.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoreServerClientTest {

    private FakeCoreServer core;
    private CoreServerClient client;

    @BeforeEach
    void start() throws Exception {
        core = new FakeCoreServer().user("alice", "secret-pw", 42L,
                "[{\"id\":\"1001\",\"name\":\"Alpha\",\"owner\":true,\"permissions\":\"2147483647\"},"
                        + "{\"id\":\"1002\",\"name\":\"Beta\",\"owner\":false,\"permissions\":\"1024\"}]");
        client = new CoreServerClient(core.url(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void loginReturnsUserIdAndToken() {
        assertThat(client.login("alice", "secret-pw")).contains(new CoreLogin(42L, "tok-alice"));
    }

    @Test
    void wrongPasswordIsEmpty() {
        assertThat(client.login("alice", "nope")).isEmpty();
    }

    @Test
    void serverErrorIsUnavailableNotWrongPassword() {
        core.forceStatus(500);
        assertThatThrownBy(() -> client.login("alice", "secret-pw")).isInstanceOf(CoreUnavailableException.class);
    }

    @Test
    void theServiceTokenIsSentAndARefusedOneIsAConfigurationProblemNotAWrongPassword() {
        core.consoleToken("right-token");
        CoreServerClient marked = new CoreServerClient(core.url(), Duration.ofSeconds(2), "right-token");
        assertThat(marked.login("alice", "secret-pw")).contains(new CoreLogin(42L, "tok-alice"));
        CoreServerClient wrong = new CoreServerClient(core.url(), Duration.ofSeconds(2), "wrong-token");
        assertThatThrownBy(() -> wrong.login("alice", "secret-pw"))
                .isInstanceOf(CoreUnavailableException.class)
                .hasMessageContaining("GUILDHALL_CONSOLE_TOKEN_SHA256");
    }

    @Test
    void unreachableCoreIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CoreServerClient nowhere = new CoreServerClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1));
        assertThatThrownBy(() -> nowhere.login("alice", "secret-pw"))
                .isInstanceOf(CoreUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void guildsAreParsedFromSnowflakeStrings() {
        assertThat(client.myGuilds("tok-alice")).containsExactly(
                new GuildSummary(1001L, "Alpha", true, "2147483647"),
                new GuildSummary(1002L, "Beta", false, "1024"));
    }

    @Test
    void channelNamesById() {
        assertThat(client.guildChannels("tok-alice", 1001L)).containsExactly(
                java.util.Map.entry(5L, "general"), java.util.Map.entry(6L, "General"));
        assertThatThrownBy(() -> client.guildChannels("tok-alice", 1002L))
                .isInstanceOf(CoreUnavailableException.class);
    }

    @Test
    void refusedTokenIsUnavailable() {
        assertThatThrownBy(() -> client.myGuilds("forged")).isInstanceOf(CoreUnavailableException.class);
    }

    @Test
    void tokenNeverAppearsInToString() {
        assertThat(new CoreLogin(1, "very-secret").toString()).doesNotContain("very-secret");
    }
}
