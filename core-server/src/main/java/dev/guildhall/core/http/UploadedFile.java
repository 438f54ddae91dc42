package dev.guildhall.core.http;

/**
 * A file part ({@code files[n]}) of a multipart request, as far as the API reads it.
 *
 * @param index       the {@code n} of {@code files[n]}, which {@code attachments[].id} refers to
 * @param filename    the part's file name
 * @param contentType the part's Content-Type, or null
 * @param size        its size in bytes
 */
public record UploadedFile(int index, String filename, String contentType, int size) {
}
