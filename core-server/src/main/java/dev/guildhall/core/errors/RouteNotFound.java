package dev.guildhall.core.errors;

/** 404: no route at this path. */
public final class RouteNotFound extends ApiException {
    public RouteNotFound() {
        super(404, 0, "404: Not Found");
    }
}
