package dev.guildhall.core.interactions;

import dev.guildhall.core.http.ApiRequest;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

import java.util.function.ToLongFunction;

/** Global ({@code /applications/{id}/commands}) and guild application command routes. */
public final class CommandRoutes {
    private CommandRoutes() {
    }

    public static void register(Router router, CommandService commands) {
        register(router, commands, "/applications/{application_id}/commands", req -> 0L);
        register(router, commands, "/applications/{application_id}/guilds/{guild_id}/commands",
                req -> req.snowflake("guild_id"));
    }

    private static void register(Router router, CommandService commands, String base,
                                 ToLongFunction<ApiRequest> guild) {
        router.get(base, req -> ApiResponse.ok(commands.list(req.requirePrincipal(),
                req.snowflake("application_id"), guild.applyAsLong(req))));
        router.post(base, req -> {
            CommandService.Created created = commands.create(req.requirePrincipal(), req.snowflake("application_id"),
                    guild.applyAsLong(req), req.jsonObject());
            return created.isNew() ? ApiResponse.created(created.command()) : ApiResponse.ok(created.command());
        });
        router.add(HttpMethod.PUT, base, req -> ApiResponse.ok(commands.overwrite(req.requirePrincipal(),
                req.snowflake("application_id"), guild.applyAsLong(req), req.jsonValue())));
        router.get(base + "/{command_id}", req -> ApiResponse.ok(commands.get(req.requirePrincipal(),
                req.snowflake("application_id"), guild.applyAsLong(req), req.snowflake("command_id"))));
        router.patch(base + "/{command_id}", req -> ApiResponse.ok(commands.edit(req.requirePrincipal(),
                req.snowflake("application_id"), guild.applyAsLong(req), req.snowflake("command_id"),
                req.jsonObject())));
        router.add(HttpMethod.DELETE, base + "/{command_id}", req -> {
            commands.delete(req.requirePrincipal(), req.snowflake("application_id"), guild.applyAsLong(req),
                    req.snowflake("command_id"));
            return ApiResponse.noContent();
        });
    }
}
