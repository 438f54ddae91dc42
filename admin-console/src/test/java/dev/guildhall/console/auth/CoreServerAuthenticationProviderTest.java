package dev.guildhall.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.console.config.ConsoleProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class CoreServerAuthenticationProviderTest {

    private FakeCoreServer core;
    private CoreServerAuthenticationProvider provider;

    @BeforeEach
    void start() throws Exception {
        core = new FakeCoreServer()
                .user("owner", "pw-owner", 1L, "[{\"id\":\"10\",\"name\":\"Mine\",\"owner\":true,\"permissions\":\"8\"}]")
                .user("member", "pw-member", 2L, "[{\"id\":\"10\",\"name\":\"Mine\",\"owner\":false,\"permissions\":\"0\"}]")
                .user("Sre", "pw-sre", 3L, "[]");
        ConsoleProperties properties = new ConsoleProperties(core.url(), "jdbc:clickhouse://127.0.0.1:1/x",
                List.of(" sre ", "", "ops"), 10, 60, Duration.ofSeconds(2));
        provider = new CoreServerAuthenticationProvider(new CoreServerClient(properties), properties);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void ownerOfAGuildGetsOwnerRoleAndThePasswordIsDropped() {
        Authentication auth = provider.authenticate(new UsernamePasswordAuthenticationToken("owner", "pw-owner"));
        assertThat(auth.isAuthenticated()).isTrue();
        assertThat(auth.getCredentials()).isNull();
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OWNER");
        ConsoleUser user = (ConsoleUser) auth.getPrincipal();
        assertThat(user.userId()).isEqualTo(1L);
        assertThat(user.token()).isEqualTo("tok-owner");
        assertThat(user.toString()).doesNotContain("tok-owner");
    }

    @Test
    void memberWithoutOwnershipGetsNoRole() {
        Authentication auth = provider.authenticate(new UsernamePasswordAuthenticationToken("member", "pw-member"));
        assertThat(auth.getAuthorities()).isEmpty();
    }

    @Test
    void sreListIsCaseInsensitiveAndTrimmed() {
        Authentication auth = provider.authenticate(new UsernamePasswordAuthenticationToken("Sre", "pw-sre"));
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_SRE");
    }

    @Test
    void wrongPasswordIsBadCredentials() {
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("owner", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void blankInputIsBadCredentialsWithoutAskingCore() {
        core.forceStatus(500);
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken(" ", "")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void coreDownIsAServiceProblemNotBadCredentials() {
        core.forceStatus(503);
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("owner", "pw-owner")))
                .isInstanceOf(AuthenticationServiceException.class);
    }
}
