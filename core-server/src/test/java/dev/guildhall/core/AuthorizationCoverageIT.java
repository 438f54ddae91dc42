package dev.guildhall.core;

import dev.guildhall.core.http.Router;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build fails when an API route has no authorization-matrix row. Each {@code *AuthorizationIT} matrix checks
 * every route of the Routes classes it names ({@code XRoutes.register(...)} on a scratch router; it fails when one
 * of them has no row) × no token, non-member, member without / with the permission, owner. This test checks that
 * every route the running server registers belongs to such a Routes class (or is a literal
 * {@code "METHOD", "/template"} row of a matrix), or is listed below as public by design with the reason.
 */
class AuthorizationCoverageIT {
    /** Routes that take no token or whose caller is not a guild member by design, and where that is tested. */
    private static final Map<String, String> PUBLIC_BY_DESIGN = new TreeMap<>(Map.of(
            "POST /auth/register", "provisioning: creates the account (ProvisioningIT)",
            "POST /auth/login", "provisioning: exchanges credentials for a token (ProvisioningIT)",
            "GET /gateway", "public in Discord's API (GatewayIT)"));

    private static final Pattern ROW = Pattern.compile(
            "\"(GET|POST|PUT|PATCH|DELETE)\",\\s*\"(/[^\"]*)\"");
    private static final Pattern ROUTES_CLASS = Pattern.compile("\\b([A-Z]\\w*Routes)\\.register\\(");

    @Test
    void everyRegisteredRouteHasAMatrixRowOrIsPublicByDesign() throws Exception {
        Set<String> registered = new TreeSet<>();
        try (TestServer server = TestServer.start("core_authz_coverage")) {
            for (Router.Route r : server.server().apiRoutes()) {
                registered.add(r.method().name() + " " + r.template());
            }
        }
        Set<String> covered = matrixRoutes(Path.of("src/test/java"), Path.of("src/main/java"));
        assertThat(covered).as("matrix rows found in *AuthorizationIT sources").isNotEmpty();

        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(covered);
        missing.removeAll(PUBLIC_BY_DESIGN.keySet());
        assertThat(missing).as("API routes without an authorization-matrix row").isEmpty();

        Set<String> stale = new TreeSet<>(PUBLIC_BY_DESIGN.keySet());
        stale.removeAll(registered);
        assertThat(stale).as("public-by-design entries that are no longer routes").isEmpty();
    }

    /**
     * {@code "METHOD /template"} of every route of the Routes classes the matrices verify (registered on a scratch
     * router with null services, as the matrices do) and of every literal row.
     */
    private static Set<String> matrixRoutes(Path testSources, Path mainSources) throws Exception {
        Set<String> out = new TreeSet<>();
        Set<String> routesClasses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(testSources)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("AuthorizationIT.java")).toList()) {
                String source = Files.readString(f);
                Matcher m = ROW.matcher(source);
                while (m.find()) {
                    out.add(m.group(1) + " " + m.group(2));
                }
                Matcher r = ROUTES_CLASS.matcher(source);
                while (r.find()) {
                    routesClasses.add(r.group(1));
                }
            }
        }
        for (String simpleName : routesClasses) {
            Router router = new Router();
            Method register = registerMethod(Class.forName(qualifiedName(mainSources, simpleName)));
            register.invoke(null, withRouter(router, register.getParameterCount()));
            out.addAll(router.describe());
        }
        return out;
    }

    private static Object[] withRouter(Router router, int parameters) {
        Object[] args = new Object[parameters];
        args[0] = router;
        return args;
    }

    private static Method registerMethod(Class<?> routes) {
        for (Method m : routes.getMethods()) {
            if (m.getName().equals("register") && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() > 0 && m.getParameterTypes()[0] == Router.class) {
                return m;
            }
        }
        throw new AssertionError(routes.getName() + " has no static register(Router, ...)");
    }

    /** The class name of a Routes class from its source file under src/main/java. */
    private static String qualifiedName(Path mainSources, String simpleName) throws IOException {
        try (Stream<Path> files = Files.walk(mainSources)) {
            Path file = files.filter(p -> p.getFileName().toString().equals(simpleName + ".java")).findFirst()
                    .orElseThrow(() -> new AssertionError("no source for " + simpleName));
            String relative = mainSources.relativize(file).toString();
            return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
        }
    }
}
