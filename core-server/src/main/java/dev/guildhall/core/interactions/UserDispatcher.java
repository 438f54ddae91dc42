package dev.guildhall.core.interactions;

import dev.guildhall.core.gateway.Dispatch;

/** Delivers a dispatch to one user's gateway sessions (the gateway's {@code GatewayHub#dispatchToUser}). */
@FunctionalInterface
public interface UserDispatcher {
    void dispatchToUser(long userId, Dispatch dispatch);
}
