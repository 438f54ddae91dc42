package dev.guildhall.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.OnlyBotsCanUse;
import dev.guildhall.core.errors.UnknownUser;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.json.Json;

/** Provisioning and identity routes: register, login, applications, users/@me. */
public final class AuthRoutes {
    private AuthRoutes() {
    }

    public static void register(Router router, AuthService auth, ApplicationService apps) {
        router.post("/auth/register", req -> ApiResponse.created(credentials(auth.register(req.jsonObject()))));
        router.post("/auth/login", req -> ApiResponse.ok(credentials(auth.login(req.jsonObject()))));
        router.get("/users/@me", req -> ApiResponse.ok(UserViews.self(req.requirePrincipal().user())));
        router.get("/users/{user_id}", req -> {
            req.requirePrincipal();
            User user = auth.findUser(req.snowflake("user_id"));
            if (user == null) {
                throw new UnknownUser();
            }
            return ApiResponse.ok(UserViews.user(user));
        });
        router.post("/applications", req -> {
            Principal p = req.requirePrincipal();
            return ApiResponse.created(apps.create(p, req.jsonObject()));
        });
        router.patch("/applications/{application_id}", req -> {
            Principal p = req.requirePrincipal();
            return ApiResponse.ok(apps.update(p, req.snowflake("application_id"), req.jsonObject()));
        });
        router.get("/applications/@me", req -> ApiResponse.ok(currentApplication(req.requirePrincipal(), apps)));
        router.get("/oauth2/applications/@me",
                req -> ApiResponse.ok(currentApplication(req.requirePrincipal(), apps)));
    }

    private static ObjectNode currentApplication(Principal p, ApplicationService apps) {
        if (!p.isBot()) {
            throw new OnlyBotsCanUse();
        }
        return apps.current(p);
    }

    private static ObjectNode credentials(AuthService.Credentials c) {
        ObjectNode o = Json.object();
        o.put("user_id", Json.id(c.userId()));
        o.put("token", c.token());
        return o;
    }
}
