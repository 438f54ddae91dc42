package dev.guildhall.core.messages;

import dev.guildhall.core.http.Router;

/** The attachment file route (the {@code url} of an attachment object). */
public final class AttachmentRoutes {
    private AttachmentRoutes() {
    }

    public static void register(Router router, AttachmentService attachments) {
        router.get("/attachments/{channel_id}/{attachment_id}/{filename}", req -> attachments.file(
                req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("attachment_id"),
                req.pathParam("filename")));
    }
}
