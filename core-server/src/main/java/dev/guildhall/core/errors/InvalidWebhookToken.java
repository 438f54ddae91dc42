package dev.guildhall.core.errors;

/** 50027 Invalid Webhook Token. */
public final class InvalidWebhookToken extends ApiException {
    public InvalidWebhookToken() {
        super(401, 50027, "Invalid Webhook Token");
    }
}
