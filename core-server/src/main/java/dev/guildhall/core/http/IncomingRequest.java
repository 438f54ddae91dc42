package dev.guildhall.core.http;

/**
 * What the auth handler passes to the router: the decoded request plus connection facts.
 *
 * @param request    the request; its path is below /api/v10 when {@code api}, else the full path
 * @param api        whether the path is below /api/v10
 * @param rawPath    the full request path without query
 * @param keepAlive  whether the connection stays open after the answer
 * @param startNanos when the request was received, for latency metrics
 */
public record IncomingRequest(ApiRequest request, boolean api, String rawPath, boolean keepAlive, long startNanos) {
    private static final java.util.regex.Pattern WEBHOOK_TOKEN =
            java.util.regex.Pattern.compile("(/webhooks/[^/]+/)[^/]+");
    private static final java.util.regex.Pattern INTERACTION_TOKEN =
            java.util.regex.Pattern.compile("(/interactions/[^/]+/)[^/]+(/callback)");

    /** The path for logs: webhook and interaction tokens (credentials in the path) replaced by {@code :token}. */
    public String loggablePath() {
        String p = WEBHOOK_TOKEN.matcher(rawPath).replaceFirst("$1:token");
        return INTERACTION_TOKEN.matcher(p).replaceFirst("$1:token$2");
    }
}
