package dev.guildhall.simulator.api;

/** A signed-in account: its snowflake id and the user token sent as {@code Authorization: <token>}. */
public record Session(String userId, String token) {
}
