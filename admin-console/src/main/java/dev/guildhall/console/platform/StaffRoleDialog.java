package dev.guildhall.console.platform;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.function.Consumer;

/**
 * Confirms a staff-role change and asks its reason (required; it goes to the console audit log). Confirm stays
 * disabled until a reason is typed; Cancel or Escape changes nothing.
 */
final class StaffRoleDialog extends Dialog {

    StaffRoleDialog(boolean grant, String role, String username, Consumer<String> confirmed) {
        setHeaderTitle((grant ? "Grant " : "Revoke ") + role + (grant ? " to " : " from ") + username + "?");
        Paragraph what = new Paragraph(grant
                ? username + " gets the " + role + " console role at their next sign-in."
                : username + " loses the " + role + " console role at their next sign-in.");
        TextField reason = new TextField("Reason (kept in the console audit log)");
        reason.setId("staff-reason");
        reason.setWidthFull();
        reason.setMaxLength(512);
        reason.setRequired(true);
        reason.setValueChangeMode(ValueChangeMode.EAGER);
        VerticalLayout body = new VerticalLayout(what, reason);
        body.setPadding(false);
        add(body);
        Button confirm = new Button(grant ? "Grant " + role : "Revoke " + role, e -> {
            close();
            confirmed.accept(reason.getValue().strip());
        });
        confirm.setId("staff-confirm");
        confirm.setEnabled(false);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, grant ? ButtonVariant.LUMO_SUCCESS
                : ButtonVariant.LUMO_ERROR);
        reason.addValueChangeListener(e -> confirm.setEnabled(!e.getValue().isBlank()));
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("staff-cancel");
        getFooter().add(cancel, confirm);
        setWidth("30rem");
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                reason.focus();
            }
        });
    }
}
