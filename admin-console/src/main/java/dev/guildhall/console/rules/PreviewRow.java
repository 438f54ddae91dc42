package dev.guildhall.console.rules;

/**
 * What the draft rule would do to one recent message.
 *
 * @param why     the matched keyword/pattern and excerpt, or why the message was not checked or not matched
 * @param actions the actions the rule would take when it matches ("" otherwise)
 */
public record PreviewRow(RecentMessage message, Outcome outcome, String why, String actions) {

    public enum Outcome {
        /** The rule matches the message. */
        MATCH("would match"),
        /** Checked, no match. */
        NO_MATCH("no match"),
        /** Not checked: the author, one of their roles, or the channel is exempt. */
        EXEMPT("exempt"),
        /** A model-score rule: needs the classifier's score, which the preview does not have. */
        NEEDS_MODEL("needs the model");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
