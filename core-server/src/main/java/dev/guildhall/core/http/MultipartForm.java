package dev.guildhall.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Discord's {@code multipart/form-data} bodies: the JSON travels in the {@code payload_json} part, files in
 * {@code files[n]} parts (name, type and bytes).
 */
final class MultipartForm {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(?<![a-z])name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_FIELD = Pattern.compile("files\\[(\\d{1,2})]");
    private static final Pattern PART_TYPE = Pattern.compile("content-type:\\s*([^\r\n]+)", Pattern.CASE_INSENSITIVE);

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

    /** The form's {@code files[n]} parts (empty when the form cannot be read). */
    static List<UploadedFile> files(String contentType, byte[] body) {
        List<UploadedFile> out = new ArrayList<>();
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find() || body == null) {
            return out;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : text.split(Pattern.quote("--" + m.group(1)))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            Matcher name = NAME.matcher(headers);
            Matcher field = name.find() ? FILE_FIELD.matcher(name.group(1)) : null;
            if (field == null || !field.matches()) {
                continue;
            }
            Matcher filename = FILENAME.matcher(headers);
            Matcher type = PART_TYPE.matcher(headers);
            int end = part.length() - (part.endsWith("\r\n") ? 2 : 0);
            byte[] data = part.substring(headerEnd + 4, Math.max(headerEnd + 4, end))
                    .getBytes(StandardCharsets.ISO_8859_1);
            out.add(new UploadedFile(Integer.parseInt(field.group(1)),
                    new String((filename.find() ? filename.group(1) : "file").getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8),
                    type.find() ? type.group(1).trim() : null, data));
        }
        return out;
    }
}
