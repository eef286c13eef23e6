package io.backorderengine.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The days an insight covers, both inclusive: by default the 30 days up to today. A window is at most
 * {@value #MAX_DAYS} days long, so no request asks the database for all of history by accident.
 */
record InsightWindow(LocalDate from, LocalDate to) {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 1096;

    static InsightWindow of(LocalDate from, LocalDate to, Clock clock) {
        LocalDate last = to != null ? to : LocalDate.now(clock);
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
        if (first.isAfter(last)) {
            throw new InvalidInsightRequestException("from", "from (%s) is after to (%s)".formatted(first, last));
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new InvalidInsightRequestException(
                    "from", "a window is at most %d days; %s to %s is longer".formatted(MAX_DAYS, first, last));
        }
        return new InsightWindow(first, last);
    }

    LocalDateTime start() {
        return from.atStartOfDay();
    }

    /** The first moment after the window. */
    LocalDateTime end() {
        return to.plusDays(1).atStartOfDay();
    }
}
