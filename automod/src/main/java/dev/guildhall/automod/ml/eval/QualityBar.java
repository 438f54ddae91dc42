package dev.guildhall.automod.ml.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The minimum quality of a bundled model, shown in the evaluation report and enforced by the tests
 * (BundledModelChatSetTest, BundledModelSpamAssassinIT), so a regressed model cannot be committed unnoticed.
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

    /** Each requirement with the measured value and whether it is met, as Markdown table rows. */
    static String check(Evaluation spamAssassin, Evaluation chat) {
        List<String> rows = new ArrayList<>();
        rows.add(row("spam ROC-AUC, held-out SpamAssassin split", SPAM_ASSASSIN_SPAM_ROC_AUC,
                spamAssassin == null ? Double.NaN : spamAssassin.labels().get("spam").rocAuc()));
        rows.add(row("spam ROC-AUC, chat set", CHAT_SPAM_ROC_AUC, chat.labels().get("spam").rocAuc()));
        rows.add(row("toxic+harassment ROC-AUC, chat set", CHAT_TOXICITY_ROC_AUC, chat.mlToxicity().rocAuc()));
        rows.add(row("macro ROC-AUC, chat set", CHAT_MACRO_ROC_AUC, chat.macroRocAuc()));
        return "| requirement | minimum | measured | met |\n|---|---:|---:|---|\n" + String.join("", rows);
    }

    private static String row(String what, double minimum, double measured) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s | %s |%n", what, minimum, ModelReport.num(measured),
                measured >= minimum ? "yes" : "**no**");
    }
}
