package dev.guildhall.console.clickhouse;

import dev.guildhall.console.config.ConsoleProperties;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.queries.ConsoleQueries;
import dev.guildhall.warehouse.queries.InsightsQueries;
import dev.guildhall.warehouse.queries.VoiceMinutesQueries;
import dev.guildhall.warehouse.queries.VoiceQueries;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ClickHouse access through warehouse-schemas' connection factory and named console queries. */
@Configuration(proxyBeanMethods = false)
public class WarehouseConfig {

    @Bean
    DataSource clickHouseDataSource(ConsoleProperties properties) {
        return ClickHouseConnections.dataSource(properties.clickhouseUrl());
    }

    @Bean
    ConsoleQueries consoleQueries(DataSource clickHouseDataSource) {
        return new ConsoleQueries(clickHouseDataSource);
    }

    @Bean
    InsightsQueries insightsQueries(DataSource clickHouseDataSource) {
        return new InsightsQueries(clickHouseDataSource);
    }

    @Bean
    VoiceQueries voiceQueries(DataSource clickHouseDataSource) {
        return new VoiceQueries(clickHouseDataSource);
    }

    @Bean
    VoiceMinutesQueries voiceMinutesQueries(DataSource clickHouseDataSource) {
        return new VoiceMinutesQueries(clickHouseDataSource);
    }
}
