package io.rcmos.server.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The one clock (UTC) business code reads, replaceable in tests; and scheduled tasks (sweepers, relays). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClockConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
