package dev.guildhall.core.errors;

/** 40032 Target user is not connected to voice (PATCH member {@code channel_id}, {@code mute}, {@code deaf}). */
public final class TargetNotConnectedToVoice extends ApiException {
    public TargetNotConnectedToVoice() {
        super(400, 40032, "Target user is not connected to voice.");
    }
}
