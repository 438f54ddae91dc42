package dev.guildhall.console.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;

/** Re-runs a refresh while a view is attached, by UI polling (no push needed). */
public final class AutoRefresh {

    private AutoRefresh() {
    }

    public static void install(Component view, Duration every, Runnable refresh) {
        Registration[] poll = new Registration[1];
        view.addAttachListener(e -> {
            UI ui = e.getUI();
            ui.setPollInterval((int) every.toMillis());
            poll[0] = ui.addPollListener(p -> refresh.run());
        });
        view.addDetachListener(e -> {
            if (poll[0] != null) {
                poll[0].remove();
                poll[0] = null;
            }
            e.getUI().setPollInterval(-1);
        });
    }
}
