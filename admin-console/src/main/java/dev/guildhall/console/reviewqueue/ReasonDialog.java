package dev.guildhall.console.reviewqueue;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.guildhall.console.moderation.ReasonFields;
import dev.guildhall.console.moderation.TimeoutLength;
import java.time.Duration;

/**
 * Asks for the reason of a decision (and a timeout's length): Enter confirms, Escape cancels. The reason goes to
 * core-server's audit log.
 */
final class ReasonDialog extends Dialog {

    interface Confirmed {
        void run(String reason, Duration timeout);
    }

    ReasonDialog(QueueAction action, int items, Confirmed confirmed) {
        setHeaderTitle(action.label + (items == 1 ? " this item" : " " + items + " items"));
        TextField reason = ReasonFields.reason("reason-input");
        Select<TimeoutLength> length = ReasonFields.timeoutLength("reason-timeout");
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
            confirmed.run(reason.getValue(), length.getValue().length());
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
