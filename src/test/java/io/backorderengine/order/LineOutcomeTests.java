package io.backorderengine.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an order line's answer says, from what was reserved and whether the shortfall may wait. */
class LineOutcomeTests {

    @ParameterizedTest(name = "{0} ordered, {1} reserved, refused {2}: {3}")
    @CsvSource({
        "3, 3, false, RESERVED",
        "3, 1, false, PARTIALLY_BACKORDERED",
        "3, 0, false, BACKORDERED",
        "3, 1, true,  PARTIALLY_REFUSED",
        "3, 0, true,  REFUSED"
    })
    void theOutcomeFollowsWhatWasReservedAndRefused(int quantity, int reserved, boolean refused, LineOutcome outcome) {
        assertThat(LineOutcome.of(quantity, reserved, refused)).isEqualTo(outcome);
    }
}
