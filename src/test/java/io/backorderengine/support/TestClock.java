package io.backorderengine.support;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Noon (UTC) of the day the test JVM started, running on from there; see {@link TestProbes#testClock()}. */
final class TestClock {

    static final Clock INSTANCE;

    static {
        Clock real = Clock.systemUTC();
        Duration toNoon = Duration.between(
                real.instant(), LocalDate.now(real).atTime(12, 0).toInstant(ZoneOffset.UTC));
        INSTANCE = Clock.offset(real, toNoon);
    }

    private TestClock() {}
}
