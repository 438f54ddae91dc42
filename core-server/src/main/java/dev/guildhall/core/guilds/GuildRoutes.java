package dev.guildhall.core.guilds;

import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;

/** Guild routes. */
public final class GuildRoutes {
    private GuildRoutes() {
    }

    public static void register(Router router, GuildService guilds) {
        router.post("/guilds", req -> ApiResponse.created(guilds.create(req.requirePrincipal(), req.jsonObject())));
        router.get("/guilds/{guild_id}", req -> ApiResponse.ok(guilds.get(req.requirePrincipal(),
                req.snowflake("guild_id"))));
        router.get("/guilds/{guild_id}/channels", req -> ApiResponse.ok(guilds.channels(req.requirePrincipal(),
                req.snowflake("guild_id"))));
        router.get("/guilds/{guild_id}/members/{user_id}", req -> ApiResponse.ok(guilds.memberView(
                req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("user_id"))));
        router.get("/users/@me/guilds", req -> ApiResponse.ok(guilds.guildsOf(req.requirePrincipal())));
    }
}
