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
import dev.guildhall.console.moderation.ModerationView;
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
        } else if (user.hasRole(ConsoleRole.MODERATOR) || user.hasRole(ConsoleRole.TRUST_SAFETY)) {
            event.forwardTo(ModerationView.class);
        } else if (user.hasRole(ConsoleRole.SRE) || user.hasRole(ConsoleRole.PLATFORM_ADMIN)) {
            event.forwardTo(VoiceQualityView.class);
        } else {
            removeAll();
            add(Notices.notice("no-views", "Nothing to show for " + user.getName() + " yet",
                    "The console shows insights to server owners, moderation to guild moderators and voice "
                            + "quality to SREs. Create a guild from a client (you become its owner), or ask a server "
                            + "owner for a role with Manage Messages or Timeout Members, then sign out and in again."));
        }
    }
}
