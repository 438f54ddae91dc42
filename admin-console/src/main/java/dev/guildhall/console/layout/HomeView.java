package dev.guildhall.console.layout;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CurrentUser;
import dev.guildhall.console.insights.MessagesView;
import dev.guildhall.console.voice.VoiceQualityView;
import jakarta.annotation.security.PermitAll;

/** Sends each user to their main view; explains what to do when they have none. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Guildhall console")
@PermitAll
public class HomeView extends VerticalLayout implements BeforeEnterObserver {

    private final CurrentUser currentUser;

    public HomeView(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ConsoleUser user = currentUser.require();
        if (user.hasRole(ConsoleRole.OWNER)) {
            event.forwardTo(MessagesView.class);
        } else if (user.hasRole(ConsoleRole.SRE)) {
            event.forwardTo(VoiceQualityView.class);
        } else {
            removeAll();
            add(Notices.notice("no-views", "Nothing to show for " + user.getName() + " yet",
                    "The console shows insights to server owners and voice quality to SREs. Create a guild "
                            + "from a client (you become its owner), then sign out and sign in again."));
        }
    }
}
