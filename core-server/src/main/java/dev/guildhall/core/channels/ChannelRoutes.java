package dev.guildhall.core.channels;

import dev.guildhall.core.db.Database;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;

/** {@code GET /channels/{id}}. */
public final class ChannelRoutes {
    private ChannelRoutes() {
    }

    public static void register(Router router, Database db, ChannelAccess access) {
        router.get("/channels/{channel_id}", req -> {
            long caller = req.requirePrincipal().userId();
            long channelId = req.snowflake("channel_id");
            return ApiResponse.ok(db.read(c -> ChannelViews.channel(access.require(c, channelId, caller, 0).channel())));
        });
    }
}
