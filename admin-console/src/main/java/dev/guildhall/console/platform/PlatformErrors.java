package dev.guildhall.console.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreUnavailableException;
import java.util.Iterator;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/** What platform-admin views tell the user when an action fails, and what to do about it. */
final class PlatformErrors {

    private PlatformErrors() {
    }

    /** A sentence for the failure, or null when it is not one the views expect (then it propagates). */
    static String describe(RuntimeException e) {
        if (e instanceof CoreRefusedException refused) {
            String detail = refused.errors() == null ? "" : firstFieldMessage(refused);
            if (refused.code() == 50013 || refused.code() == 20001) {
                return "core-server refused: you are no longer a platform admin. Sign out and in again.";
            }
            return "core-server refused: " + (detail.isEmpty() ? refused.getMessage() : detail);
        }
        if (e instanceof CoreUnavailableException) {
            return "core-server is unavailable right now; try again in a moment.";
        }
        if (e instanceof AccessDeniedException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return null;
    }

    /** Shows the failure as an error notification; rethrows what it cannot describe. */
    static void show(RuntimeException e) {
        String text = describe(e);
        if (text == null) {
            throw e;
        }
        Notification n = Notification.show(text, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** The first field error message of a 50035 answer, e.g. "Cannot remove the last platform admin ...". */
    private static String firstFieldMessage(CoreRefusedException refused) {
        Iterator<Map.Entry<String, JsonNode>> fields = refused.errors().fields();
        while (fields.hasNext()) {
            JsonNode message = fields.next().getValue().at("/_errors/0/message");
            if (!message.isMissingNode()) {
                return message.asText();
            }
        }
        return "";
    }

    static void done(String text) {
        Notification n = Notification.show(text, 4000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
