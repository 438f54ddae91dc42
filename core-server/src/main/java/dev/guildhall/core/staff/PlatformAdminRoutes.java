package dev.guildhall.core.staff;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiRequest;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Guildhall's platform-admin API (not part of Discord's): user and guild lookup, staff roles, the console audit log
 * (platform admins only), and the caller's own staff roles (any account). Staff changes take their reason from
 * {@code X-Audit-Log-Reason}, as Discord's moderation routes do.
 */
public final class PlatformAdminRoutes {
    private PlatformAdminRoutes() {
    }

    public static void register(Router router, StaffService staff, AdminLookupService lookup) {
        router.get("/users/@me/staff-roles", req -> ApiResponse.ok(staff.myRoles(req.requirePrincipal())));
        router.get("/admin/users", req -> ApiResponse.ok(lookup.users(req.requirePrincipal(),
                req.queryParam("query"), req.queryParam("limit"))));
        router.get("/admin/guilds", req -> ApiResponse.ok(lookup.guilds(req.requirePrincipal(),
                req.queryParam("query"), req.queryParam("limit"))));
        router.get("/admin/staff", req -> ApiResponse.ok(staff.list(req.requirePrincipal())));
        router.add(HttpMethod.PUT, "/admin/staff/{user_id}/roles/{role}", req -> {
            staff.grant(req.requirePrincipal(), req.snowflake("user_id"), req.pathParam("role"),
                    AuditReason.of(req), fromConsole(req));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/admin/staff/{user_id}/roles/{role}", req -> {
            staff.revoke(req.requirePrincipal(), req.snowflake("user_id"), req.pathParam("role"),
                    AuditReason.of(req), fromConsole(req));
            return ApiResponse.noContent();
        });
        router.get("/admin/audit-log", req -> ApiResponse.ok(staff.auditLog(req.requirePrincipal(),
                req.queryParam("actor"), req.queryParam("action"), req.queryParam("before"),
                req.queryParam("limit"))));
    }

    /** The console-audit handler lets a console header through only with the configured token. */
    private static boolean fromConsole(ApiRequest req) {
        return req.headers() != null && req.headers().contains(ConsoleAuditHandler.HEADER);
    }
}
