package dev.guildhall.core.http;

/**
 * A file part ({@code files[n]}) of a multipart request.
 *
 * @param index       the {@code n} of {@code files[n]}, which {@code attachments[].id} refers to
 * @param filename    the part's file name
 * @param contentType the part's Content-Type, or null
 * @param data        its bytes
 */
public record UploadedFile(int index, String filename, String contentType, byte[] data) {
    /** Its size in bytes. */
    public int size() {
        return data.length;
    }
}
