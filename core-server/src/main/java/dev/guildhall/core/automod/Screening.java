package dev.guildhall.core.automod;

/**
 * What AutoMod decided about a message inside the sending transaction. {@link #blocked()}: the message must not be
 * stored (the caller commits the AutoMod records and answers 200000); {@link #modelPending()}: a model rule applies
 * but no model score was available, so the rules decided alone and the stream verdict must score the message.
 * {@link #afterCommit()} runs what follows the commit (alert messages, dispatches).
 */
public final class Screening {
    /** Nothing to do: no rule applies, or the author is exempt. */
    public static final Screening NONE = new Screening(false, false, () -> { });

    private final boolean blocked;
    private final boolean modelPending;
    private final Runnable afterCommit;

    Screening(boolean blocked, boolean modelPending, Runnable afterCommit) {
        this.blocked = blocked;
        this.modelPending = modelPending;
        this.afterCommit = afterCommit;
    }

    public boolean blocked() {
        return blocked;
    }

    public boolean modelPending() {
        return modelPending;
    }

    /** Call once after the transaction that called {@link InlineAutoMod#screen} committed. */
    public void afterCommit() {
        afterCommit.run();
    }
}
