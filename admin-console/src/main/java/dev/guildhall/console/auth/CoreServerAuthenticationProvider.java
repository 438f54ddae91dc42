package dev.guildhall.console.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks console credentials against core-server ({@code POST /api/v10/auth/login}) and derives the console roles:
 * OWNER when the user owns at least one guild, MODERATOR when they moderate at least one (see {@link GuildScope}),
 * SRE / PLATFORM_ADMIN / TRUST_SAFETY when core-server says the user holds that staff role
 * ({@code GET /users/@me/staff-roles}; core-server's {@code staff_roles} table is their one source of truth).
 */
@Component
public class CoreServerAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(CoreServerAuthenticationProvider.class);

    /** The staff roles core-server names that the console knows. */
    private static final Set<String> STAFF_ROLES = Set.of(ConsoleRole.SRE, ConsoleRole.PLATFORM_ADMIN,
            ConsoleRole.TRUST_SAFETY);

    private final CoreServerClient core;
    private final MeterRegistry meters;

    @Autowired
    public CoreServerAuthenticationProvider(CoreServerClient core, MeterRegistry meters) {
        this.core = core;
        this.meters = meters;
        for (String outcome : new String[] {"success", "refused", "core_unavailable"}) {
            meters.counter("guildhall.console.logins", "outcome", outcome); // visible at 0 from the start
        }
    }

    public CoreServerAuthenticationProvider(CoreServerClient core) {
        this(core, new SimpleMeterRegistry());
    }

    private void count(String outcome) {
        meters.counter("guildhall.console.logins", "outcome", outcome).increment();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName() == null ? "" : authentication.getName().trim();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        if (username.isEmpty() || password.isEmpty()) {
            count("refused");
            throw new BadCredentialsException("Username and password are required");
        }
        Optional<CoreLogin> login;
        List<GuildSummary> guilds;
        List<String> staffRoles;
        try {
            login = core.login(username, password);
            if (login.isEmpty()) {
                log.info("event=console_login_refused username={}", username);
                count("refused");
                throw new BadCredentialsException("Wrong username or password");
            }
            guilds = core.myGuilds(login.get().token());
            staffRoles = core.myStaffRoles(login.get().token());
        } catch (CoreUnavailableException e) {
            count("core_unavailable");
            log.warn("event=console_login_core_unavailable username={} error={}", username, e.getMessage());
            throw new AuthenticationServiceException("core-server is unavailable; try again shortly", e);
        }
        Set<String> roles = rolesFor(guilds, staffRoles);
        ConsoleUser user = new ConsoleUser(username, login.get().userId(), login.get().token(), roles);
        count("success");
        log.info("event=console_login username={} user_id={} roles={}", username, user.userId(), roles);
        // credentials null: the password is not kept once checked
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    }

    static Set<String> rolesFor(List<GuildSummary> guilds, List<String> staffRoles) {
        Set<String> roles = new HashSet<>();
        if (guilds.stream().anyMatch(GuildSummary::owner)) {
            roles.add(ConsoleRole.OWNER);
        }
        if (guilds.stream().anyMatch(GuildScope::moderates)) {
            roles.add(ConsoleRole.MODERATOR);
        }
        staffRoles.stream().filter(STAFF_ROLES::contains).forEach(roles::add);
        return Set.copyOf(roles);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
