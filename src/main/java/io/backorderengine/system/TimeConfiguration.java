package io.backorderengine.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    /** One clock for all modules, so "today" means the same everywhere. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
