package dev.guildhall.console.layout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown for an unknown URL and for a view the user's roles do not allow (Vaadin's access control reports both as
 * "not found", so nobody learns which views or guilds exist).
 */
@PageTitle("Not found · Guildhall console")
@AnonymousAllowed
public class NotFoundOrNoAccessView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        add(Notices.notice("not-found", "Not found, or you have no access to it",
                "This page does not exist or needs a console role you do not have."),
                new Anchor("", "Go to your start page"));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
