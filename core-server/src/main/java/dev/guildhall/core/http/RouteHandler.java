package dev.guildhall.core.http;

/** The business handler of one route. Runs on the blocking worker pool, never on a Netty event loop. */
@FunctionalInterface
public interface RouteHandler {
    ApiResponse handle(ApiRequest request);
}
