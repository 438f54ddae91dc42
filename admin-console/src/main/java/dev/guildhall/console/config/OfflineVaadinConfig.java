package dev.guildhall.console.config;

import com.vaadin.flow.spring.SpringServlet;
import org.atmosphere.cpr.AtmosphereServlet;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the console offline at start: Atmosphere (Vaadin's push library) looks up its project's host at every start
 * unless its servlet has this init parameter; Atmosphere reads only the Vaadin servlet's own init parameters, not
 * the servlet context's. Vaadin registers two servlets that start an Atmosphere framework. (Usage statistics and browser launch are off in application.properties.)
 */
@Configuration(proxyBeanMethods = false)
public class OfflineVaadinConfig {

    static final String ATMOSPHERE_ANALYTICS = "org.atmosphere.cpr.AtmosphereFramework.analytics";

    @Bean
    static BeanPostProcessor atmosphereAnalyticsOff() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ServletRegistrationBean<?> registration
                        && (registration.getServlet() instanceof SpringServlet
                            || registration.getServlet() instanceof AtmosphereServlet)) {
                    registration.addInitParameter(ATMOSPHERE_ANALYTICS, "false");
                }
                return bean;
            }
        };
    }
}
