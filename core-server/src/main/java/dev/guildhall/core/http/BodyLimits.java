package dev.guildhall.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The request body caps, chosen per request by its content type: {@code multipart/form-data} uploads (files) up to
 * {@code multipart} bytes, every other body (JSON) up to {@code json} bytes. Discord documents 25 MiB as the
 * maximum request size when sending a message (files, {@code payload_json} and the form's overhead together) and
 * 10 MiB per file by default; JSON bodies never need more than the default 1 MiB.
 *
 * @param json      {@code http.max.body.bytes}
 * @param multipart {@code http.max.multipart.bytes}
 */
public record BodyLimits(int json, int multipart) {
    /** Default JSON cap: 1 MiB. */
    public static final int DEFAULT_JSON = 1024 * 1024;
    /** Default upload cap: Discord's maximum request size when sending a message, 25 MiB. */
    public static final int DEFAULT_MULTIPART = 25 * 1024 * 1024;

    /** The cap of this request's body. */
    public int of(HttpRequest request) {
        return MultipartForm.isMultipart(request.headers().get(HttpHeaderNames.CONTENT_TYPE)) ? multipart : json;
    }
}
