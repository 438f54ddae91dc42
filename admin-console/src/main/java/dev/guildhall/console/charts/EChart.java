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
     * A chart is created once its element has a size. Flow runs this while the view's elements are not laid out yet
     * (0 × 0); ECharts would then draw the whole chart at a fallback size and draw it all again when the
     * ResizeObserver reports the real size. So the element's ResizeObserver (its callbacks come after layout, before
     * paint) creates and draws the chart on the first non-zero size, and later resizes it only when the size really
     * changed (resize() re-lays out and redraws everything even at the same size). A hidden chart waits until shown
     * and keeps its size while hidden.
     * The first option is drawn without ECharts' entry animation (about a second of repaints per chart while the
     * rest of the page is being built); later options (the refreshes) animate as usual.
     */
    private static final String RENDER = """
            const el = $0;
            el.__pendingOption = JSON.parse($1);
            const draw = (tries) => {
              if (!window.echarts) {
                if (tries < 200) { setTimeout(() => draw(tries + 1), 50); }
                return;
              }
              let chart = window.echarts.getInstanceByDom(el);
              if (!chart) {
                if (el.clientWidth === 0 || el.clientHeight === 0) {
                  return;
                }
                chart = window.echarts.init(el, 'dark', {renderer: 'canvas'});
                if (el.__pendingOption.animation === undefined) {
                  el.__pendingOption.animation = false;
                }
              }
              chart.setOption(el.__pendingOption, true);
            };
            if (!el.__sized) {
              el.__sized = new ResizeObserver(() => {
                const chart = window.echarts && window.echarts.getInstanceByDom(el);
                if (!chart) {
                  draw(0);
                } else if (el.clientWidth > 0 && el.clientHeight > 0
                    && (el.clientWidth !== chart.getWidth() || el.clientHeight !== chart.getHeight())) {
                  chart.resize();
                }
              });
              el.__sized.observe(el);
            }
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
