package dev.guildhall.console.config;

import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * WebJar files (ECharts) are served cacheable for a year: their URL names the library's version
 * ({@code /webjars/echarts/5.3.1/...}), so the bytes at a URL never change. Without a Cache-Control of their own,
 * Spring Security's default {@code no-store} made every page with a chart download ECharts again (1 MB) and compile
 * it from scratch; cached, Chromium also keeps the compiled code (V8's code cache), so a later load only runs it.
 * Registered before Spring Boot's own {@code /webjars/**} handler, which then stands aside; the header is set only
 * when a file is served (not on the sign-in redirect or a 404).
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WebJarCaching implements WebMvcConfigurer {

    static final String PATTERN = "/webjars/**";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATTERN).addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable());
    }
}
