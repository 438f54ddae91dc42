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

    private static final String RENDER = """
            const el = $0, option = JSON.parse($1);
            el.__pendingOption = option;
            const draw = (tries) => {
              if (!window.echarts) {
                if (tries < 200) { setTimeout(() => draw(tries + 1), 50); }
                return;
              }
              let chart = window.echarts.getInstanceByDom(el);
              if (!chart) {
                chart = window.echarts.init(el, 'dark', {renderer: 'canvas'});
                if (window.ResizeObserver) { new ResizeObserver(() => chart.resize()).observe(el); }
              }
              chart.setOption(el.__pendingOption, true);
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
