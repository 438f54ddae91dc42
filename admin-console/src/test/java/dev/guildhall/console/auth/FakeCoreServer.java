package dev.guildhall.console.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for core-server's login, guild-list and staff-role endpoints over a real socket, for unit tests of the console's
 * client (the browser IT runs against the real core-server).
 */
public final class FakeCoreServer implements AutoCloseable {

    private final HttpServer server;
    /** username → password|token|guilds-json */
    private final Map<String, String[]> users = new ConcurrentHashMap<>();
    /** username → staff roles JSON array (absent = none) */
    private final Map<String, String> staff = new ConcurrentHashMap<>();
    private volatile int forcedStatus;
    /** The console service token core-server accepts (null = it checks none). */
    private volatile String consoleToken;

    public FakeCoreServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v10/auth/login", this::login);
        server.createContext("/api/v10/users/@me/guilds", this::guilds);
        server.createContext("/api/v10/users/@me/staff-roles", this::staffRoles);
        server.createContext("/api/v10/guilds/", this::channels);
        server.start();
    }

    public FakeCoreServer user(String username, String password, long userId, String guildsJson) {
        users.put(username, new String[] {password, "tok-" + username, guildsJson, Long.toString(userId)});
        return this;
    }

    /** The staff roles core-server reports for the user, e.g. {@code "[\"SRE\"]"}. */
    public FakeCoreServer staff(String username, String rolesJson) {
        staff.put(username, rolesJson);
        return this;
    }

    /** Logins whose X-Guildhall-Console is not this token are refused as core-server refuses them. */
    public FakeCoreServer consoleToken(String token) {
        consoleToken = token;
        return this;
    }

    /** Every answer becomes this status (0 = normal behaviour). */
    public void forceStatus(int status) {
        forcedStatus = status;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void login(HttpExchange ex) throws IOException {
        if (forcedStatus != 0) {
            send(ex, forcedStatus, "{}");
            return;
        }
        String presented = ex.getRequestHeaders().getFirst(CoreServerClient.CONSOLE_HEADER);
        if (consoleToken != null && presented != null && !consoleToken.equals(presented)) {
            ex.getResponseHeaders().add(CoreServerClient.CONSOLE_REFUSED_HEADER, "true");
            send(ex, 401, "{\"code\":0,\"message\":\"401: Unauthorized\"}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (Map.Entry<String, String[]> u : users.entrySet()) {
            if (body.contains("\"username\":\"" + u.getKey() + "\"")
                    && body.contains("\"password\":\"" + u.getValue()[0] + "\"")) {
                send(ex, 200, "{\"user_id\":\"" + u.getValue()[3] + "\",\"token\":\"" + u.getValue()[1] + "\"}");
                return;
            }
        }
        send(ex, 401, "{\"code\":0,\"message\":\"401: Unauthorized\"}");
    }

    private void guilds(HttpExchange ex) throws IOException {
        if (forcedStatus != 0) {
            send(ex, forcedStatus, "{}");
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        for (String[] u : users.values()) {
            if (u[1].equals(auth)) {
                send(ex, 200, u[2]);
                return;
            }
        }
        send(ex, 401, "{\"code\":0,\"message\":\"401: Unauthorized\"}");
    }

    private void staffRoles(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        for (Map.Entry<String, String[]> u : users.entrySet()) {
            if (u.getValue()[1].equals(auth)) {
                send(ex, 200, "{\"roles\":" + staff.getOrDefault(u.getKey(), "[]") + "}");
                return;
            }
        }
        send(ex, 401, "{\"code\":0,\"message\":\"401: Unauthorized\"}");
    }

    private void channels(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        boolean known = users.values().stream().anyMatch(u -> u[1].equals(auth));
        if (!known) {
            send(ex, 401, "{\"code\":0,\"message\":\"401: Unauthorized\"}");
        } else if (ex.getRequestURI().getPath().equals("/api/v10/guilds/1001/channels")) {
            send(ex, 200, "[{\"id\":\"5\",\"type\":0,\"name\":\"general\"},"
                    + "{\"id\":\"6\",\"type\":2,\"name\":\"General\"}]");
        } else {
            send(ex, 403, "{\"code\":50001,\"message\":\"Missing Access\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
