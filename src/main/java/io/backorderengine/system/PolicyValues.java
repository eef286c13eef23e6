package io.backorderengine.system;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values in policy tables that the engine reads as durations or timer cycles: one reading, shared by the
 * check at an analyst's deployment ({@link DmnRules}) and the one where a case reads the table.
 */
public final class PolicyValues {

    /** What a timer cycle is: R, an optional count, and a duration. */
    private static final Pattern CYCLE = Pattern.compile("R\\d*/(P.+)");

    private PolicyValues() {}

    /** The ISO 8601 duration the text says (e.g. P21D, PT12H), of any sign; empty when it is none. */
    public static Optional<Duration> duration(String text) {
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The same, only when it is longer than zero: how long anything in a case may wait. */
    public static Optional<Duration> positiveDuration(String text) {
        return duration(text).filter(d -> !d.isNegative() && !d.isZero());
    }

    /** Whether the text is a timer cycle with a duration longer than zero, e.g. R/P7D. */
    public static boolean isCycle(String text) {
        Matcher cycle = CYCLE.matcher(text);
        return cycle.matches() && positiveDuration(cycle.group(1)).isPresent();
    }
}
