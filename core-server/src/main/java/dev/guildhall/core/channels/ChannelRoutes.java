package dev.guildhall.core.channels;

import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Guild channel routes: {@code GET/PATCH/DELETE /channels/{id}}, {@code PUT/DELETE /channels/{id}/permissions/{id}},
 * {@code POST /guilds/{id}/channels} and {@code PATCH /guilds/{id}/channels} (positions).
 */
public final class ChannelRoutes {
    private ChannelRoutes() {
    }

    public static void register(Router router, ChannelService channels) {
        router.get("/channels/{channel_id}", req -> ApiResponse.ok(channels.get(req.requirePrincipal(),
                req.snowflake("channel_id"))));
        router.patch("/channels/{channel_id}", req -> ApiResponse.ok(channels.modify(req.requirePrincipal(),
                req.snowflake("channel_id"), req.jsonObject())));
        router.add(HttpMethod.DELETE, "/channels/{channel_id}", req -> ApiResponse.ok(channels.delete(
                req.requirePrincipal(), req.snowflake("channel_id"))));
        router.add(HttpMethod.PUT, "/channels/{channel_id}/permissions/{overwrite_id}", req -> {
            channels.putOverwrite(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("overwrite_id"),
                    req.jsonObject());
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/permissions/{overwrite_id}", req -> {
            channels.deleteOverwrite(req.requirePrincipal(), req.snowflake("channel_id"),
                    req.snowflake("overwrite_id"));
            return ApiResponse.noContent();
        });
        router.post("/guilds/{guild_id}/channels", req -> ApiResponse.created(channels.create(req.requirePrincipal(),
                req.snowflake("guild_id"), req.jsonObject())));
        router.patch("/guilds/{guild_id}/channels", req -> {
            channels.reorder(req.requirePrincipal(), req.snowflake("guild_id"), req.jsonArray());
            return ApiResponse.noContent();
        });
    }
}
