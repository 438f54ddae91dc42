package dev.guildhall.console;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-level settings: Lumo in its dark variant for every view. */
@Theme(themeClass = Lumo.class, variant = Lumo.DARK)
public class ConsoleShell implements AppShellConfigurator {
}
