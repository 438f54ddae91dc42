package dev.guildhall.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.InvalidJson;
import dev.guildhall.core.errors.Unauthorized;
import dev.guildhall.core.json.Json;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One decoded API request, handed from the auth handler to the router and on to the feature's handler.
 *
 * @param path      path below {@code /api/v10}, without query
 * @param principal the authenticated caller, or null when no valid Authorization header was sent
 */
public record ApiRequest(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         byte[] body, Principal principal, Map<String, String> pathParams) {

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, query, headers, body, principal, params);
    }

    /** The caller; 401 when the request carries no valid token. */
    public Principal requirePrincipal() {
        if (principal == null) {
            throw new Unauthorized();
        }
        return principal;
    }

    /**
     * The body as JSON: an empty body reads as {@code {}}; invalid JSON is 50109; a non-object is 50035. A
     * {@code multipart/form-data} body is read from its {@code payload_json} part, as Discord does.
     */
    public JsonNode jsonObject() {
        JsonNode node = jsonValue();
        if (!node.isObject()) {
            throw InvalidFormBody.of("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
        }
        return node;
    }

    /** The body as a JSON array (e.g. role positions): invalid JSON is 50109; anything else is 50035. */
    public JsonNode jsonArray() {
        JsonNode node = jsonValue();
        if (!node.isArray()) {
            throw InvalidFormBody.of("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        }
        return node;
    }

    /** The body as any JSON value (an array for bulk routes); empty reads as {@code {}}; invalid JSON is 50109. */
    public JsonNode jsonValue() {
        byte[] json = body;
        String contentType = headers == null ? null : headers.get("Content-Type");
        if (MultipartForm.isMultipart(contentType)) {
            json = MultipartForm.payloadJson(contentType, body);
        }
        if (json == null || json.length == 0) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (IOException | RuntimeException e) {
            throw new InvalidJson();
        }
        return node == null || node.isMissingNode() ? Json.object() : node;
    }

    /** A snowflake path parameter; a non-number is 50035 NUMBER_TYPE_COERCE like Discord. */
    public long snowflake(String name) {
        String raw = pathParams.get(name);
        try {
            long v = Long.parseUnsignedLong(raw);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException | NullPointerException e) {
            throw InvalidFormBody.of(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
        }
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
