package dev.guildhall.core.channels;

import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.MethodNotAllowed;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** {@code GET /channels/{id}}; {@code PATCH} and {@code DELETE /channels/{id}} of threads (via {@link ThreadChannels}). */
public final class ChannelRoutes {
    private ChannelRoutes() {
    }

    public static void register(Router router, Database db, ChannelAccess access, ThreadChannels threads) {
        router.get("/channels/{channel_id}", req -> {
            long caller = req.requirePrincipal().userId();
            long channelId = req.snowflake("channel_id");
            Channel ch = db.read(c -> access.require(c, channelId, caller, 0).channel());
            return ApiResponse.ok(ch.isThread() ? threads.view(req.requirePrincipal(), ch) : ChannelViews.channel(ch));
        });
        router.patch("/channels/{channel_id}", req -> {
            Channel ch = thread(db, access, req.requirePrincipal().userId(), req.snowflake("channel_id"));
            return ApiResponse.ok(threads.modify(req.requirePrincipal(), ch, req.jsonObject()));
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}", req -> {
            Channel ch = thread(db, access, req.requirePrincipal().userId(), req.snowflake("channel_id"));
            return ApiResponse.ok(threads.delete(req.requirePrincipal(), ch));
        });
    }

    /** The visible channel if it is a thread; editing other channels is not served here (405). */
    private static Channel thread(Database db, ChannelAccess access, long caller, long channelId) {
        Channel ch = db.read(c -> access.require(c, channelId, caller, 0).channel());
        if (!ch.isThread()) {
            throw new MethodNotAllowed();
        }
        return ch;
    }
}
