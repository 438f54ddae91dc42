package dev.guildhall.events.payload;

/**
 * A webhook was created, updated or deleted (type {@code webhook.changed}, topic {@code guildhall.guilds}). Never
 * carries the webhook's token.
 *
 * @param action  {@code created}, {@code updated} or {@code deleted}
 * @param actorId the user who made the change, null when done with the webhook's token
 */
public record WebhookChanged(String webhookId, String channelId, String name, String action, String actorId,
                             long occurredAt) {
}
