package dev.guildhall.core.errors;

/** 10015 Unknown Webhook. */
public final class UnknownWebhook extends ApiException {
    public UnknownWebhook() {
        super(404, 10015, "Unknown Webhook");
    }
}
