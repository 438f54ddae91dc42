package dev.guildhall.analytics.sink;

import ru.yandex.clickhouse.ClickHouseDataSource;

import javax.sql.DataSource;
import java.util.Properties;

/**
 * The one place that creates ClickHouse connections: the legacy {@code ru.yandex.clickhouse} data source of
 * clickhouse-jdbc 0.3.2-patch11 with {@code compress=false}, the driver that works on ClickHouse 18.16 (see
 * DESIGN.md). Created directly, never through DriverManager (the jar also registers the newer driver).
 * TODO switch to dev.guildhall.warehouse.ClickHouseConnections once warehouse-schemas is installed.
 */
public final class ClickHouseDataSources {
    private ClickHouseDataSources() {
    }

    public static DataSource create(String jdbcUrl, String user, String password) {
        Properties props = new Properties();
        props.setProperty("compress", "false");
        props.setProperty("user", user == null || user.isEmpty() ? "default" : user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("socket_timeout", "30000");
        return new ClickHouseDataSource(jdbcUrl, props);
    }
}
