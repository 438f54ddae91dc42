package dev.guildhall.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private MultipartForm() {
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The bytes of the {@code payload_json} part, or null when the form has none or cannot be read. */
    static byte[] payloadJson(String contentType, byte[] body) {
        for (Part part : parts(contentType, body)) {
            Matcher name = NAME.matcher(part.headers());
            if (name.find() && name.group(1).equals("payload_json")) {
                return Arrays.copyOfRange(body, part.from(), part.to());
            }
        }
        return null;
    }

    /** The form's {@code files[n]} parts (empty when the form cannot be read). */
    static List<UploadedFile> files(String contentType, byte[] body) {
        List<UploadedFile> out = new ArrayList<>();
        for (Part part : parts(contentType, body)) {
            String headers = part.headers();
            Matcher name = NAME.matcher(headers);
            Matcher field = name.find() ? FILE_FIELD.matcher(name.group(1)) : null;
            if (field == null || !field.matches()) {
                continue;
            }
            Matcher filename = FILENAME.matcher(headers);
            Matcher type = PART_TYPE.matcher(headers);
            out.add(new UploadedFile(Integer.parseInt(field.group(1)),
                    new String((filename.find() ? filename.group(1) : "file").getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8),
                    type.find() ? type.group(1).trim() : null, Arrays.copyOfRange(body, part.from(), part.to())));
        }
        return out;
    }

    /** A part of the form: its header lines (bytes as ISO-8859-1 text) and where its content lies in the body. */
    private record Part(String headers, int from, int to) {
    }

    /**
     * The parts between the boundary delimiters, found in the body's bytes (no copy of the body: an upload is read
     * once, and only its files are copied out); the line break before the next delimiter is not content.
     */
    private static List<Part> parts(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find() || body == null) {
            return List.of();
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int next = indexOf(body, delimiter, start, body.length);
            int end = next < 0 ? body.length : next;
            int headerEnd = indexOf(body, HEADER_END, start, end);
            if (headerEnd >= 0) {
                int from = headerEnd + HEADER_END.length;
                int to = end - 2 >= from && body[end - 2] == '\r' && body[end - 1] == '\n' ? end - 2 : end;
                out.add(new Part(new String(body, start, headerEnd - start, StandardCharsets.ISO_8859_1), from,
                        Math.max(from, to)));
            }
            if (next < 0) {
                return out;
            }
            start = next + delimiter.length;
        }
    }

    /** The first index of {@code needle} in {@code haystack[from, to)}, or -1. */
    private static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
