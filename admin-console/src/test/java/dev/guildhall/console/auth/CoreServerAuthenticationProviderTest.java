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
                .user("Sre", "pw-sre", 3L, "[]")
                .user("mod", "pw-mod", 4L, "[{\"id\":\"10\",\"name\":\"Mine\",\"owner\":false,"
                        + "\"permissions\":\"" + (1L << 40) + "\"}]")
                .user("msgmod", "pw-msgmod", 5L, "[{\"id\":\"10\",\"name\":\"Mine\",\"owner\":false,"
                        + "\"permissions\":\"" + (1L << 13) + "\"}]")
                .user("kicker", "pw-kicker", 6L, "[{\"id\":\"10\",\"name\":\"Mine\",\"owner\":false,"
                        + "\"permissions\":\"" + ((1L << 1) | (1L << 2) | (1L << 7)) + "\"}]")
                .user("Admin", "pw-admin", 7L, "[]")
                .user("tns", "pw-tns", 8L, "[]")
                .staff("Sre", "[\"SRE\"]")
                .staff("Admin", "[\"PLATFORM_ADMIN\"]")
                .staff("tns", "[\"TRUST_SAFETY\",\"SOMETHING_NEW\"]");
        ConsoleProperties properties = new ConsoleProperties(core.url(), "jdbc:clickhouse://127.0.0.1:1/x", "", 10,
                60, Duration.ofSeconds(2));
        provider = new CoreServerAuthenticationProvider(new CoreServerClient(properties));
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
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_OWNER", "ROLE_MODERATOR");
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
    void staffRolesComeFromCoreServer() {
        Authentication auth = provider.authenticate(new UsernamePasswordAuthenticationToken("Sre", "pw-sre"));
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_SRE");
    }

    @Test
    void timeoutOrManageMessagesMakesAModeratorButKickBanAndAuditLogDoNot() {
        assertThat(roles("mod", "pw-mod")).containsExactly("ROLE_MODERATOR");
        assertThat(roles("msgmod", "pw-msgmod")).containsExactly("ROLE_MODERATOR");
        assertThat(roles("kicker", "pw-kicker")).isEmpty();
    }

    @Test
    void coreServerStaffRolesGivePlatformAdminAndTrustAndSafetyAndUnknownOnesAreIgnored() {
        assertThat(roles("Admin", "pw-admin")).containsExactly("ROLE_PLATFORM_ADMIN");
        assertThat(roles("tns", "pw-tns")).containsExactly("ROLE_TRUST_SAFETY");
    }

    private List<String> roles(String username, String password) {
        return provider.authenticate(new UsernamePasswordAuthenticationToken(username, password)).getAuthorities()
                .stream().map(GrantedAuthority::getAuthority).toList();
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
