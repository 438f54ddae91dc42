package dev.guildhall.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Discord's {@code multipart/form-data} bodies: the JSON travels in the {@code payload_json} part (files in
 * other parts, which the API does not store).
 */
final class MultipartForm {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private MultipartForm() {
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The bytes of the {@code payload_json} part, or null when the form has none or cannot be read. */
    static byte[] payloadJson(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find() || body == null) {
            return null;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1); // byte-preserving
        String delimiter = "--" + m.group(1);
        for (String part : text.split(Pattern.quote(delimiter))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            Matcher name = NAME.matcher(headers);
            if (!name.find() || !name.group(1).equals("payload_json")) {
                continue;
            }
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            return content.getBytes(StandardCharsets.ISO_8859_1);
        }
        return null;
    }
}
