package dev.guildhall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChromiumTraceTest {

    private static final String META = """
            {"ph":"M","name":"thread_name","pid":1,"tid":10,"args":{"name":"CrRendererMain"}},
            {"ph":"M","name":"thread_name","pid":1,"tid":11,"args":{"name":"Compositor"}},
            {"ph":"M","name":"thread_name","pid":2,"tid":20,"args":{"name":"CrRendererMain"}},
            """;

    @Test
    void selfCpuTimeIsTheEventsLessItsChildrenOnTheBusiestRendererMainThread() throws Exception {
        // pid 1: a 10 ms task (8 ms CPU) running a 6 ms function call (5 ms CPU) that forces a 2 ms style recalc
        // (2 ms CPU); then a 4 ms paint task. The compositor thread and the idle renderer (pid 2) do not count.
        String trace = "{\"traceEvents\":[" + META + """
                {"ph":"X","name":"RunTask","pid":1,"tid":10,"ts":1000,"dur":10000,"tdur":8000},
                {"ph":"X","name":"FunctionCall","pid":1,"tid":10,"ts":2000,"dur":6000,"tdur":5000},
                {"ph":"X","name":"UpdateLayoutTree","pid":1,"tid":10,"ts":3000,"dur":2000,"tdur":2000},
                {"ph":"X","name":"Paint","pid":1,"tid":10,"ts":20000,"dur":4000},
                {"ph":"X","name":"RunTask","pid":1,"tid":11,"ts":1000,"dur":50000,"tdur":50000},
                {"ph":"X","name":"RunTask","pid":2,"tid":20,"ts":1000,"dur":1000,"tdur":1000},
                {"ph":"B","name":"Unfinished","pid":1,"tid":10,"ts":30000}
                ]}""";

        ChromiumTrace.Summary s = ChromiumTrace.summarise(trace.getBytes(StandardCharsets.UTF_8));

        assertThat(s.busyMs()).isCloseTo(14, within(1e-9));
        assertThat(s.cpuMs()).isCloseTo(12, within(1e-9)); // the paint has no tdur: its wall time counts
        assertThat(s.windowMs()).isCloseTo(23, within(1e-9));
        assertThat(s.selfMs()).containsEntry("RunTask", 3.0).containsEntry("FunctionCall", 3.0)
                .containsEntry("UpdateLayoutTree", 2.0).containsEntry("Paint", 4.0).hasSize(4);
        assertThat(s.describe(2)).isEqualTo("main thread busy 14 ms (CPU 12 ms) of 23 ms traced; self CPU time:"
                + " Paint 4 ms; FunctionCall 3 ms;");
    }
}
