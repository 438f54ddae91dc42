package dev.guildhall.core.support;

import dev.guildhall.core.http.Router;
import dev.guildhall.core.support.ApiClient.Response;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrices: which routes a Routes class registers (to fail when one has no row), and the expected
 * answer of a call.
 */
public final class RouteMatrix {
    private RouteMatrix() {
    }

    /** The callers of a matrix row. */
    public enum Caller { NOBODY, NON_MEMBER, WITHOUT_PERMISSION, WITH_PERMISSION, OWNER }

    /** An expected answer: a status and, for errors, Discord's code (null: not checked). */
    public record Expect(int status, Integer code) {
        public static Expect status(int status) {
            return new Expect(status, null);
        }

        public static Expect error(int status, int code) {
            return new Expect(status, code);
        }
    }

    /** {@code METHOD /template} of every route the registration adds (on a scratch router, services null). */
    @SuppressWarnings("unchecked")
    public static Set<String> registered(Consumer<Router> registration) throws ReflectiveOperationException {
        Router router = new Router();
        registration.accept(router);
        Field f = Router.class.getDeclaredField("routes");
        f.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (Router.Route r : (List<Router.Route>) f.get(router)) {
            out.add(r.method().name() + " " + r.template());
        }
        return out;
    }

    /** Asserts the answer of one call. */
    public static void expect(String what, Response r, Expect e) {
        assertThat(r.status()).as(what + ": " + r.raw()).isEqualTo(e.status());
        if (e.code() != null) {
            assertThat(r.body().path("code").asInt()).as(what + ": " + r.raw()).isEqualTo(e.code());
        }
    }

    /** Runs a call built fresh for it and asserts the answer. */
    public static void expect(String what, Supplier<Response> call, Expect e) {
        expect(what, call.get(), e);
    }
}
