package dev.guildhall.core.http;

import dev.guildhall.core.errors.MethodNotAllowed;
import dev.guildhall.core.errors.RouteNotFound;
import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Route table of the REST API (paths below {@code /api/v10}). Templates use {@code {name}} segments; literal
 * segments win over parameters ({@code /users/@me} before {@code /users/{user_id}}). A path that matches a
 * template under another method is 405, no match at all is 404.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public Router add(HttpMethod method, String template, RouteHandler handler) {
        routes.add(new Route(method, template, template.split("/", -1), handler));
        routes.sort((a, b) -> Integer.compare(b.literalCount(), a.literalCount()));
        return this;
    }

    /** Every registered route as {@code "METHOD template"}, e.g. {@code "GET /channels/{channel_id}"}. */
    public List<String> describe() {
        return routes.stream().map(r -> r.method().name() + " " + r.template()).sorted().toList();
    }

    public Router get(String template, RouteHandler handler) {
        return add(HttpMethod.GET, template, handler);
    }

    public Router post(String template, RouteHandler handler) {
        return add(HttpMethod.POST, template, handler);
    }

    public Router patch(String template, RouteHandler handler) {
        return add(HttpMethod.PATCH, template, handler);
    }

    /** The registered routes, most specific first. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The matching route and its path parameters; 404/405 as {@link dev.guildhall.core.errors.ApiException}s. */
    public Match match(HttpMethod method, String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] parts = normalized.split("/", -1);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = route.bind(parts);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route, params);
            }
            pathKnown = true;
        }
        if (pathKnown) {
            throw new MethodNotAllowed();
        }
        throw new RouteNotFound();
    }

    public record Match(Route route, Map<String, String> params) {
    }

    public record Route(HttpMethod method, String template, String[] segments, RouteHandler handler) {
        int literalCount() {
            int n = 0;
            for (String s : segments) {
                if (!s.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }

        Map<String, String> bind(String[] parts) {
            if (parts.length != segments.length) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < parts.length; i++) {
                String seg = segments[i];
                if (seg.startsWith("{") && seg.endsWith("}")) {
                    if (parts[i].isEmpty()) {
                        return null;
                    }
                    params.put(seg.substring(1, seg.length() - 1), parts[i]);
                } else if (!seg.equals(parts[i])) {
                    return null;
                }
            }
            return params;
        }
    }
}
