package dev.guildhall.console;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Guildhall admin console. Configuration: {@code application.properties} reads the GUILDHALL_CONSOLE_* /
 * GUILDHALL_* environment variables (runtime contract); {@code --config FILE} adds a properties file whose keys
 * are those same variable names, so the environment still wins over the file.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        String[] springArgs;
        try {
            springArgs = translateConfigArgument(args);
        } catch (IllegalArgumentException e) {
            System.err.println("admin-console: " + e.getMessage());
            System.exit(2);
            return;
        }
        SpringApplication.run(ConsoleApplication.class, springArgs);
    }

    /** {@code --config FILE} (runtime contract) becomes Spring's additional config location. */
    static String[] translateConfigArgument(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file name");
                }
                out.add("--spring.config.additional-location=file:" + args[++i]);
            } else if (arg.startsWith("--config=")) {
                out.add("--spring.config.additional-location=file:" + arg.substring("--config=".length()));
            } else {
                out.add(arg);
            }
        }
        return out.toArray(String[]::new);
    }
}
