package dev.guildhall.core.errors;

/** 200000 Message was blocked by automatic moderation (an AutoMod BLOCK_MESSAGE rule matched). */
public final class MessageBlockedByAutoMod extends ApiException {
    public MessageBlockedByAutoMod() {
        super(400, 200000, "Message was blocked by automatic moderation");
    }
}
