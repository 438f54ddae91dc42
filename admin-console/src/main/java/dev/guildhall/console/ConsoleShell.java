package dev.guildhall.console;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Page-level settings: Lumo in its dark variant for every view, and server push (the review queue's live items).
 * Push goes server → browser over a WebSocket while the browser's own requests stay plain HTTP (XHR), so they keep
 * passing Spring Security's filter chain and carry the signed-in user as before.
 */
@Theme(themeClass = Lumo.class, variant = Lumo.DARK)
@Push(transport = Transport.WEBSOCKET_XHR)
public class ConsoleShell implements AppShellConfigurator {
}
