package dev.guildhall.console.moderation;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import java.util.function.Function;

/**
 * The toasts a moderator sees after a read or an action (moderation view, review queue): what was done, or what
 * failed and what to do about it.
 */
public final class ActionFeedback {

    private final String errorId;
    private final Function<CoreRefusedException, String> refusalEnd;

    /**
     * @param errorId    the id the error toast's text carries
     * @param refusalEnd how a core-server refusal's sentence ends (a hint for its status or code, or ".")
     */
    public ActionFeedback(String errorId, Function<CoreRefusedException, String> refusalEnd) {
        this.errorId = errorId;
        this.refusalEnd = refusalEnd;
    }

    /** Tells that {@code what} failed and why; rethrows a failure it does not expect. */
    public void failed(String what, RuntimeException e) {
        if (e instanceof GuildAccessDeniedException) {
            toast(errorId, what + " refused: you lack the permission for it in this guild "
                    + "(or no longer moderate it).", true);
        } else if (e instanceof CoreRefusedException refused) {
            toast(errorId, what + " refused by core-server: " + refused.getMessage() + refusalEnd.apply(refused),
                    true);
        } else if (e instanceof CoreUnavailableException) {
            toast(errorId, "core-server cannot be reached; check that it is running and try again.", true);
        } else if (e instanceof IllegalArgumentException) {
            toast(errorId, e.getMessage(), true);
        } else {
            throw e;
        }
    }

    /** A toast whose text carries {@code id} (the notification card is rendered outside the view). */
    public static void toast(String id, String text, boolean error) {
        Span message = new Span(text);
        message.setId(id);
        Notification n = new Notification(message);
        n.setDuration(error ? 8000 : 4000);
        n.setPosition(Notification.Position.BOTTOM_START);
        n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
        n.open();
    }
}
