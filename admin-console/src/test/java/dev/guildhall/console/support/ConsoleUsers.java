package dev.guildhall.console.support;

import static org.assertj.core.api.Assertions.fail;

import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreServerAuthenticationProvider;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.config.ConsoleProperties;
import dev.guildhall.console.support.CoreServerProcess.Account;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * The fixture of the console's authorization tests: a real core-server ({@link CoreServerProcess}) whose accounts
 * share one password and a random name suffix (so reruns on the same engines do not collide), and console users
 * signed in by short name through the real {@link CoreServerAuthenticationProvider}, so their console roles come
 * from core-server's guild list and staff roles.
 */
public final class ConsoleUsers implements AutoCloseable {

    public final CoreServerProcess core;
    /** Appended to every short name to make the account's username. */
    public final String suffix;
    private final String password;
    private final Map<String, ConsoleUser> users = new LinkedHashMap<>();

    /**
     * @param env core-server's extra environment for the suffix (e.g. its staff bootstrap lists, whose usernames
     *            carry the suffix)
     */
    public ConsoleUsers(String database, String password, Function<String, Map<String, String>> env) {
        this.suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        this.password = password;
        this.core = new CoreServerProcess(database, env.apply(suffix));
    }

    /**
     * core-server's console staff lists (its GUILDHALL_CONSOLE_*_USERS bootstrap) naming these short names, for the
     * constructor's {@code env}.
     */
    public static Function<String, Map<String, String>> staff(String sre, String admin, String trustSafety) {
        return suffix -> Map.of("GUILDHALL_CONSOLE_SRE_USERS", sre + suffix, "GUILDHALL_CONSOLE_ADMIN_USERS",
                admin + suffix, "GUILDHALL_CONSOLE_TRUST_SAFETY_USERS", trustSafety + suffix);
    }

    /** Registers the account {@code name + suffix}. */
    public Account register(String name) {
        return core.register(name + suffix, password);
    }

    /** Registers {@code name + suffix} and joins it to the owner's guild. */
    public Account joined(Account owner, long guild, String name) {
        Account account = register(name);
        core.join(owner, guild, account);
        return account;
    }

    /** A console's client of this core-server, with the console's warehouse URL and service token. */
    public CoreServerClient client(String warehouseJdbcUrl, String serviceToken) {
        return new CoreServerClient(new ConsoleProperties(URI.create(core.url), warehouseJdbcUrl, serviceToken, 10, 60,
                Duration.ofSeconds(10)));
    }

    /** Signs each short name in through the console's authentication provider, in this order. */
    public void signIn(CoreServerClient client, List<String> names) {
        CoreServerAuthenticationProvider provider = new CoreServerAuthenticationProvider(client);
        for (String name : names) {
            users.put(name, (ConsoleUser) provider.authenticate(
                    new UsernamePasswordAuthenticationToken(name + suffix, password)).getPrincipal());
        }
    }

    /** The signed-in console users by short name, in sign-in order. */
    public Map<String, ConsoleUser> users() {
        return users;
    }

    public ConsoleUser user(String name) {
        return users.get(name);
    }

    /** Fails with the failures and the tail of core-server's log, if there are any. */
    public void failIfAny(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures) + "\ncore-server log:\n" + core.logTail());
        }
    }

    @Override
    public void close() {
        core.close();
    }
}
