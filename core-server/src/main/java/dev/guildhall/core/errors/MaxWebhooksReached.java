package dev.guildhall.core.errors;

/** 30007 Maximum number of webhooks reached (15). */
public final class MaxWebhooksReached extends ApiException {
    public MaxWebhooksReached() {
        super(400, 30007, "Maximum number of webhooks reached (15)");
    }
}
