package dev.guildhall.core.auditlog;

import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;

/** Audit log routes. */
public final class AuditLogRoutes {
    private AuditLogRoutes() {
    }

    public static void register(Router router, AuditLogService auditLog) {
        router.get("/guilds/{guild_id}/audit-logs", req -> ApiResponse.ok(auditLog.list(req.requirePrincipal(),
                req.snowflake("guild_id"), req.queryParam("user_id"), req.queryParam("action_type"),
                req.queryParam("before"), req.queryParam("after"), req.queryParam("limit"))));
    }
}
