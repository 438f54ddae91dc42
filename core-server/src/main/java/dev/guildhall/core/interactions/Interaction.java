package dev.guildhall.core.interactions;

import java.time.Instant;

/**
 * A stored interaction.
 *
 * @param type              2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT
 * @param commandId         the invoked command (type 2), else 0
 * @param messageId         the message whose component was used (type 3), else 0
 * @param callbackType      the initial response's type, null until the app acknowledged it
 * @param originalMessageId the message the initial response created or updated, 0 when none
 * @param originalLoading   the original is a deferred response's loading message not yet completed
 */
record Interaction(long id, long applicationId, int type, long guildId, long channelId, long userId, long commandId,
                   String commandName, int commandType, long messageId, Instant createdAt, Integer callbackType,
                   long originalMessageId, boolean originalLoading) {
    static final int APPLICATION_COMMAND = 2;
    static final int MESSAGE_COMPONENT = 3;
}
