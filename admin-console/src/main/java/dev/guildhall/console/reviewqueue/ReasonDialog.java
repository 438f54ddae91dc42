package dev.guildhall.console.reviewqueue;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;

/**
 * Asks for the reason of a decision (and a timeout's length): Enter confirms, Escape cancels. The reason goes to
 * core-server's audit log.
 */
final class ReasonDialog extends Dialog {

    /** Timeout lengths offered, as Discord's clients offer them. */
    enum TimeoutLength {
        MINUTE("60 seconds", Duration.ofMinutes(1)),
        FIVE_MINUTES("5 minutes", Duration.ofMinutes(5)),
        TEN_MINUTES("10 minutes", Duration.ofMinutes(10)),
        HOUR("1 hour", Duration.ofHours(1)),
        DAY("1 day", Duration.ofDays(1)),
        WEEK("1 week", Duration.ofDays(7));

        final String label;
        final Duration length;

        TimeoutLength(String label, Duration length) {
            this.label = label;
            this.length = length;
        }
    }

    interface Confirmed {
        void run(String reason, Duration timeout);
    }

    ReasonDialog(QueueAction action, int items, Confirmed confirmed) {
        setHeaderTitle(action.label + (items == 1 ? " this item" : " " + items + " items"));
        TextField reason = new TextField("Reason (goes to the audit log)");
        reason.setId("reason-input");
        reason.setWidthFull();
        reason.setMaxLength(512);
        Select<TimeoutLength> length = new Select<>();
        length.setId("reason-timeout");
        length.setLabel("Timeout length");
        length.setItems(TimeoutLength.values());
        length.setItemLabelGenerator(t -> t.label);
        length.setValue(TimeoutLength.TEN_MINUTES);
        length.setVisible(action == QueueAction.TIMEOUT);
        Paragraph what = new Paragraph(switch (action) {
            case APPROVE -> "The message stays (a blocked message is not re-posted); the decision is recorded.";
            case REMOVE -> "The message is deleted for everyone.";
            case TIMEOUT -> "The message is deleted and its author cannot post for a while.";
            case KICK -> "The message is deleted and its author removed from the guild.";
            case BAN -> "The message is deleted and its author banned from the guild.";
        });
        VerticalLayout body = new VerticalLayout(what, reason, length);
        body.setPadding(false);
        add(body);
        Button confirm = new Button(action.label, e -> {
            close();
            confirmed.run(reason.getValue(), length.getValue().length);
        });
        confirm.setId("reason-confirm");
        confirm.addThemeVariants(action == QueueAction.APPROVE ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR,
                ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER).listenOn(this);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("reason-cancel");
        getFooter().add(cancel, confirm);
        setWidth("28rem");
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                reason.focus();
            }
        });
    }
}
