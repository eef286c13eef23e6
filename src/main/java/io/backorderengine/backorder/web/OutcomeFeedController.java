package io.backorderengine.backorder.web;

import java.util.List;

import io.backorderengine.backorder.CaseOutcome;
import io.backorderengine.backorder.CaseOutcomeFeed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outcomes of every case, for order systems that pull: page by position, keep the last one seen as
 * the cursor. A page never skips or repeats an outcome; an outcome appears a moment (the sequence
 * interval) after its fact committed.
 */
@RestController
@RequestMapping(path = "/api/events", produces = MediaType.APPLICATION_JSON_VALUE)
class OutcomeFeedController {

    /**
     * @param events oldest first
     * @param next   the cursor for the next page: the last position in this one, or {@code after} again
     *               when nothing new has come
     */
    record Page(List<CaseOutcome> events, long next) {}

    private final CaseOutcomeFeed feed;

    OutcomeFeedController(CaseOutcomeFeed feed) {
        this.feed = feed;
    }

    @GetMapping
    Page after(
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<CaseOutcome> events = feed.after(after, limit);
        return new Page(
                events, events.isEmpty() ? after : events.get(events.size() - 1).position());
    }
}
