package dev.guildhall.core.support;

import dev.guildhall.core.http.Router;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authorization matrix over a guild: every route × (no token, non-member, member without the permission, member
 * with it, owner) → status and Discord code. Each row gets fresh accounts (a new outsider, a new member without the
 * permission, a new member holding a role with it), so rows that join, leave or kick cannot disturb each other.
 */
public final class RouteMatrix {
    private RouteMatrix() {
    }

    /** The callers of a matrix row. */
    public enum Caller { NOBODY, NON_MEMBER, WITHOUT_PERMISSION, WITH_PERMISSION, OWNER }

    /** An expected answer; a null code is not checked. */
    public record Expect(int status, Integer code) {
        public static Expect status(int status) {
            return new Expect(status, null);
        }

        public static Expect error(int status, int code) {
            return new Expect(status, code);
        }
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

    /**
     * A route and its expectations.
     *
     * @param permission what a member needs (0 = any member); granted to "with" through a role
     * @param everyone   whether @everyone has the permission by default: "without" then runs with it removed
     * @param request    path and body for a caller
     */
    public record Row(String method, String template, long permission, boolean everyone,
                      Function<Account, String[]> request, Expect nobody, Expect nonMember, Expect without,
                      Expect with, Expect owner) {

        /** A route that needs the permission (50013 without it) and answers {@code ok}. */
        public static Row needs(String method, String template, long permission, int ok,
                                Function<Account, String[]> request) {
            Expect pass = new Expect(ok, null);
            return new Row(method, template, permission, false, request, new Expect(401, null),
                    new Expect(403, 50001), new Expect(403, 50013), pass, pass);
        }

        /** A route any member may use. */
        public static Row members(String method, String template, int ok, Function<Account, String[]> request) {
            Expect pass = new Expect(ok, null);
            return new Row(method, template, 0, false, request, new Expect(401, null), new Expect(403, 50001), pass,
                    pass, pass);
        }

        /** The permission is in @everyone's defaults: "without" runs with it removed from @everyone. */
        public Row fromEveryone() {
            return new Row(method, template, permission, true, request, nobody, nonMember, without, with, owner);
        }

        public Row nobody(int status, Integer code) {
            return new Row(method, template, permission, everyone, request, new Expect(status, code), nonMember,
                    without, with, owner);
        }

        public Row nonMember(int status, Integer code) {
            return new Row(method, template, permission, everyone, request, nobody, new Expect(status, code),
                    without, with, owner);
        }

        public Row with(int status, Integer code) {
            return new Row(method, template, permission, everyone, request, nobody, nonMember, without,
                    new Expect(status, code), owner);
        }

        public Row owner(int status, Integer code) {
            return new Row(method, template, permission, everyone, request, nobody, nonMember, without, with,
                    new Expect(status, code));
        }

        String key() {
            return method + " " + template;
        }
    }

    /** The routes a Routes class registers ("METHOD template"), read from a scratch router. */
    public static Set<String> registered(Consumer<Router> register) {
        Router router = new Router();
        register.accept(router);
        return new TreeSet<>(router.describe());
    }

    /** Checks that every registered route has a row, then runs every row for the five callers. */
    public static void verify(GuildFixture g, Set<String> registered, List<Row> rows) {
        Set<String> covered = new TreeSet<>();
        rows.forEach(r -> covered.add(r.key()));
        assertThat(covered).as("rows").containsExactlyInAnyOrderElementsOf(registered);
        int n = 0;
        for (Row row : rows) {
            n++;
            Account outsider = g.api.register("mx-out" + n);
            Account plain = g.member("mx-plain" + n);
            Account with = g.member("mx-with" + n);
            if (row.permission() != 0) {
                g.grant(with, g.role("mx-role" + n, row.permission()));
            }
            check(g, row, "nobody", null, row.request().apply(outsider), row.nobody());
            check(g, row, "non-member", outsider, row.request().apply(outsider), row.nonMember());
            String[] prepared = row.request().apply(plain);
            long guild = Long.parseLong(g.guildId);
            if (row.everyone()) {
                g.sql("UPDATE roles SET permissions = ? WHERE id = ?", Permissions.DEFAULT_EVERYONE & ~row.permission(),
                        guild);
            }
            try {
                check(g, row, "member without", plain, prepared, row.without());
            } finally {
                if (row.everyone()) {
                    g.sql("UPDATE roles SET permissions = ? WHERE id = ?", Permissions.DEFAULT_EVERYONE, guild);
                }
            }
            check(g, row, "member with", with, row.request().apply(with), row.with());
            check(g, row, "owner", g.owner, row.request().apply(g.owner), row.owner());
        }
    }

    private static void check(GuildFixture g, Row row, String who, Account caller, String[] request, Expect expect) {
        Response r = g.api.call(row.method(), request[0], caller == null ? null : caller.auth(), request[1]);
        String what = row.key() + " as " + who + ": " + r.raw();
        assertThat(r.status()).as(what).isEqualTo(expect.status());
        if (expect.code() != null) {
            assertThat(r.body().get("code").asInt()).as(what).isEqualTo(expect.code());
        }
    }

    /** A request without a body. */
    public static String[] req(String path) {
        return new String[]{path, null};
    }

    public static String[] req(String path, String body) {
        return new String[]{path, body};
    }
}
