package dev.guildhall.core.messages;

import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.db.Database;
import dev.guildhall.core.errors.UnknownMessage;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.channels.ChannelAccess;
import dev.guildhall.core.permissions.Permissions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Serves attachment bytes to callers who may read the channel's history (VIEW_CHANNEL + READ_MESSAGE_HISTORY),
 * like reading the message itself. An unknown attachment, one of another channel, or a wrong file name is 10008.
 */
public final class AttachmentService {
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final Database db;
    private final ChannelAccess access;

    public AttachmentService(Database db, ChannelAccess access) {
        this.db = db;
        this.access = access;
    }

    /** {@code GET /attachments/{channel_id}/{attachment_id}/{filename}}. */
    public ApiResponse file(Principal caller, long channelId, long attachmentId, String rawFilename) {
        AttachmentStore.StoredFile f = db.read(c -> {
            access.require(c, channelId, caller.userId(), Permissions.READ_MESSAGE_HISTORY);
            return AttachmentStore.find(c, channelId, attachmentId);
        });
        if (f == null || !f.filename().equals(decode(rawFilename))) {
            throw new UnknownMessage();
        }
        return ApiResponse.file(f.contentType() == null ? DEFAULT_TYPE : f.contentType(), f.data());
    }

    /** A path segment percent-decoded ({@code +} is a plus sign in a path). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
