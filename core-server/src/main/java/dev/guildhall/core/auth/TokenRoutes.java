package dev.guildhall.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.BotsCannotUse;
import dev.guildhall.core.errors.NotApplicationOwner;
import dev.guildhall.core.errors.UnknownApplication;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.json.Json;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * Token revocation: {@code POST /auth/logout} (the calling token), {@code POST /auth/tokens/revoke-all} (every
 * token of the calling user; both user-only, bots get 20001) and {@code POST /applications/{id}/bot/reset-token}
 * (the owner gets a new bot token, the old ones stop working). Revoked tokens fail at once on REST (no token cache) and their gateway sessions are
 * closed with 4004.
 */
public final class TokenRoutes {
    private TokenRoutes() {
    }

    public static void register(Router router, AuthService auth, ApplicationService apps) {
        router.post("/auth/logout", req -> {
            Principal p = userOnly(req.requirePrincipal());
            auth.logout(p, req.headers().get(HttpHeaderNames.AUTHORIZATION));
            return ApiResponse.noContent();
        });
        router.post("/auth/tokens/revoke-all", req -> {
            Principal p = userOnly(req.requirePrincipal());
            auth.revokeAll(p.userId());
            return ApiResponse.noContent();
        });
        router.post("/applications/{application_id}/bot/reset-token", req -> {
            Principal p = req.requirePrincipal();
            Application app = apps.find(req.snowflake("application_id"));
            if (app == null) {
                throw new UnknownApplication();
            }
            if (p.isBot() || app.ownerId() != p.userId()) {
                throw new NotApplicationOwner();
            }
            ObjectNode o = Json.object();
            o.put("token", auth.resetBotToken(app.botUserId()));
            return ApiResponse.ok(o);
        });
    }

    /** Bot tokens are managed by the application's owner (reset-token), not by the bot itself. */
    private static Principal userOnly(Principal p) {
        if (p.isBot()) {
            throw new BotsCannotUse();
        }
        return p;
    }
}
