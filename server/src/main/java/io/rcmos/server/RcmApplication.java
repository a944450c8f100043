package io.rcmos.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RcmApplication {
    public static void main(String[] args) {
        SpringApplication.run(RcmApplication.class, args);
    }
}
