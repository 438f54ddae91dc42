package dev.guildhall.automod.ml;

/**
 * The documented minimum quality of the bundled model (docs/automod-eval.md, "Quality bar"): the tests that
 * evaluate it fail when a regressed model is committed.
 */
public final class QualityBar {
    /** Issue #6: spam ROC-AUC on the held-out SpamAssassin split. */
    public static final double SPAM_ASSASSIN_SPAM_ROC_AUC = 0.97;
    /** The chat evaluation set: spam, ML_TOXICITY (toxic or harassment) and the macro ROC-AUC. */
    public static final double CHAT_SPAM_ROC_AUC = 0.97;
    public static final double CHAT_TOXICITY_ROC_AUC = 0.90;
    public static final double CHAT_MACRO_ROC_AUC = 0.90;

    private QualityBar() {
    }
}
