package io.rcmos.server.payers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/** Loads {@code config/payers} ({@code rcm.payers.dir}, or found upward from the working directory) at start-up. */
@Configuration(proxyBeanMethods = false)
class PayersConfig {

    @Bean
    PayerRegistry payerRegistry(@Value("${rcm.payers.dir:}") String dir) {
        return PayerRegistry.load(PayerRegistry.locate(dir));
    }
}
