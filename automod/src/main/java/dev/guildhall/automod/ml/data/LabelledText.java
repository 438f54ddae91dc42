package dev.guildhall.automod.ml.data;

import dev.guildhall.automod.ml.Labels;

/** One training or evaluation example: a label of {@link Labels#ALL} and the message text. */
public record LabelledText(String label, String text) {
    public LabelledText {
        Labels.index(label);
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
    }

    public int labelIndex() {
        return Labels.index(label);
    }
}
