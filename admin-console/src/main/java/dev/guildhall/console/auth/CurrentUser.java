package dev.guildhall.console.auth;

import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The signed-in {@link ConsoleUser} of the current request. */
@Component
public class CurrentUser {

    private final AuthenticationContext authentication;

    public CurrentUser(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    public Optional<ConsoleUser> get() {
        return authentication.getAuthenticatedUser(ConsoleUser.class);
    }

    public ConsoleUser require() {
        return get().orElseThrow(() -> new IllegalStateException("no signed-in console user"));
    }

    public void logout() {
        authentication.logout();
    }
}
