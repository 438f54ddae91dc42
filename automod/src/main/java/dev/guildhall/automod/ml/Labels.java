package dev.guildhall.automod.ml;

import java.util.List;

/** The classifier's labels and their positions in a score vector. */
public final class Labels {
    public static final String SAFE = "safe";
    public static final String SPAM = "spam";
    public static final String TOXIC = "toxic";
    public static final String HARASSMENT = "harassment";
    /** Every label in score order. */
    public static final List<String> ALL = List.of(SAFE, SPAM, TOXIC, HARASSMENT);

    private Labels() {
    }

    /** The position of a label in a score vector. */
    public static int index(String label) {
        int i = ALL.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label '" + label + "' (labels: " + String.join(", ", ALL) + ")");
        }
        return i;
    }
}
