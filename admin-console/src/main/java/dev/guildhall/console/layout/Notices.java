package dev.guildhall.console.layout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;

/** Empty, error and no-access states that say what to do next. */
public final class Notices {

    private Notices() {
    }

    public static Div notice(String id, String title, String whatToDo) {
        Div box = new Div(new H3(title), new Paragraph(whatToDo));
        box.setId(id);
        box.getStyle()
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)")
                .set("max-width", "48rem");
        return box;
    }

    /** What to do after "no access" in the owners' views. */
    public static final String OWNED_GUILDS_ONLY = "You can open only the guilds you own. Pick one of your guilds "
            + "from the list.";

    public static Div noAccess() {
        return noAccess(OWNED_GUILDS_ONLY);
    }

    public static Div noAccess(String whatToDo) {
        return notice("no-access", "Guild not found, or you have no access to it", whatToDo);
    }

    public static Div error(String what, String whatToDo) {
        Div box = notice("error-state", what, whatToDo);
        box.getStyle().set("border-color", "var(--lumo-error-color-50pct)");
        return box;
    }
}
