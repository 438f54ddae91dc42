package dev.guildhall.core.voice;

import dev.guildhall.core.db.Database;
import dev.guildhall.core.guilds.GuildService;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;

/**
 * {@code GET /voice/regions} (any authenticated user) and {@code GET /guilds/{guild.id}/regions} (members): the
 * regions a voice channel's {@code rtc_region} may name.
 */
public final class VoiceRegionRoutes {
    private VoiceRegionRoutes() {
    }

    public static void register(Router router, VoiceRegions regions, Database db) {
        router.get("/voice/regions", req -> {
            req.requirePrincipal();
            return ApiResponse.ok(regions.json());
        });
        router.get("/guilds/{guild_id}/regions", req -> {
            long caller = req.requirePrincipal().userId();
            long guildId = req.snowflake("guild_id");
            db.read(c -> GuildService.requireMember(c, guildId, caller));
            return ApiResponse.ok(regions.json());
        });
    }
}
