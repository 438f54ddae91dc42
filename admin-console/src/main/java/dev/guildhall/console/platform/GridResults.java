package dev.guildhall.console.platform;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import dev.guildhall.console.layout.Notices;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shows what a platform-admin read gave in its grid: the failure as an error notice, the "nothing here" notice when
 * it found nothing, else the rows.
 */
final class GridResults {

    private GridResults() {
    }

    /**
     * Runs {@code read} and shows its outcome in {@code state} and {@code grid}; returns the rows (empty after a
     * failure). A failure {@link PlatformErrors} cannot describe propagates.
     */
    static <T> List<T> show(Div state, Grid<T> grid, String failureTitle, Supplier<List<T>> read,
            Supplier<Div> noneNotice) {
        state.removeAll();
        List<T> rows;
        try {
            rows = read.get();
        } catch (RuntimeException e) {
            String what = PlatformErrors.describe(e);
            if (what == null) {
                throw e;
            }
            grid.setVisible(false);
            state.add(Notices.error(failureTitle, what));
            return List.of();
        }
        grid.setItems(rows);
        grid.setVisible(!rows.isEmpty());
        if (rows.isEmpty()) {
            state.add(noneNotice.get());
        }
        return rows;
    }
}
