package dev.guildhall.console.moderation;

import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

/** The inputs of a member action: its reason (for core-server's audit log) and a timeout's length. */
public final class ReasonFields {

    private ReasonFields() {
    }

    public static TextField reason(String id) {
        TextField reason = new TextField("Reason (goes to the audit log)");
        reason.setId(id);
        reason.setWidthFull();
        reason.setMaxLength(512);
        return reason;
    }

    /** Offers {@link TimeoutLength}s, 10 minutes chosen. */
    public static Select<TimeoutLength> timeoutLength(String id) {
        Select<TimeoutLength> length = new Select<>();
        length.setId(id);
        length.setLabel("Timeout length");
        length.setItems(TimeoutLength.values());
        length.setItemLabelGenerator(TimeoutLength::label);
        length.setValue(TimeoutLength.TEN_MINUTES);
        return length;
    }
}
