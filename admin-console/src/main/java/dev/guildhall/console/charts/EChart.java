package dev.guildhall.console.charts;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;

/**
 * An Apache ECharts chart driven from Java: {@link #setOption(String)} hands an ECharts option (JSON) to the
 * browser. ECharts comes from its WebJar (no npm bundle), loaded once per page.
 */
public class EChart extends Div {

    /** Path of ECharts inside {@code org.webjars.npm:echarts}. */
    public static final String SCRIPT = "context://webjars/echarts/5.3.1/dist/echarts.min.js";

    /*
     * The first setOption draws without ECharts' entry animation (about a second of repaints per chart that would
     * compete with the rest of the page being built); later options (the refreshes) animate as usual. The chart is
     * resized only when its element's size really changed: a ResizeObserver calls back once right after observe(),
     * and ECharts' resize() re-lays out and redraws the whole chart even at the same size.
     */
    private static final String RENDER = """
            const el = $0, option = JSON.parse($1);
            el.__pendingOption = option;
            const draw = (tries) => {
              if (!window.echarts) {
                if (tries < 200) { setTimeout(() => draw(tries + 1), 50); }
                return;
              }
              let chart = window.echarts.getInstanceByDom(el);
              const first = !chart;
              if (first) {
                chart = window.echarts.init(el, 'dark', {renderer: 'canvas'});
                if (window.ResizeObserver) {
                  new ResizeObserver(() => {
                    if (el.clientWidth !== chart.getWidth() || el.clientHeight !== chart.getHeight()) {
                      chart.resize();
                    }
                  }).observe(el);
                }
              }
              const next = el.__pendingOption;
              if (first && next.animation === undefined) {
                next.animation = false;
              }
              chart.setOption(next, true);
            };
            draw(0);
            """;

    private String option;

    public EChart() {
        addClassName("guildhall-echart");
        setWidthFull();
        setHeight("320px");
    }

    /** Replaces the whole chart option (JSON text, see {@link LineChartOption}). */
    public void setOption(String optionJson) {
        this.option = optionJson;
        getElement().executeJs(RENDER, getElement(), optionJson);
    }

    public String getOption() {
        return option;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().addJavaScript(SCRIPT);
        if (option != null) {
            setOption(option);
        }
    }
}
