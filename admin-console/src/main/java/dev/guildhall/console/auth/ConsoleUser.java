package dev.guildhall.console.auth;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

/**
 * The signed-in console user, kept in the server-side security context. The core-server token is never sent to
 * the browser; the password is never stored.
 */
public final class ConsoleUser implements Principal, Serializable {

    private final String username;
    private final long userId;
    private final transient String token;
    private final Set<String> roles;

    public ConsoleUser(String username, long userId, String token, Set<String> roles) {
        this.username = username;
        this.userId = userId;
        this.token = token;
        this.roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return username;
    }

    public long userId() {
        return userId;
    }

    /** The core-server user token, for calls made on this user's behalf. */
    public String token() {
        return token;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + username + ", id=" + userId + ", roles=" + roles + "]";
    }
}
