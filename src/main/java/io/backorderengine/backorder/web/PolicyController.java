package io.backorderengine.backorder.web;

import java.util.List;

import io.backorderengine.backorder.PolicyTrials;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For process analysts: the policy tables, and trying a changed one before deploying it (evaluated against
 * given inputs, or replayed over the latest cases, beside the deployed table). Only evaluates.
 */
@RestController
@RequestMapping(path = "/api/policies", produces = MediaType.APPLICATION_JSON_VALUE)
class PolicyController {

    private final PolicyTrials trials;

    PolicyController(PolicyTrials trials) {
        this.trials = trials;
    }

    /** The keys of the tables that can be tried. */
    @GetMapping
    List<String> keys() {
        return trials.keys();
    }

    /**
     * Evaluates the uploaded table ({@code dmn}, as Modeler saves it) or, without one, the deployed table, for
     * each of {@code inputs} and over the latest {@code replayLast} cases, each beside the deployed table.
     */
    @PostMapping(path = "/{key}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
    PolicyTrials.Trial evaluate(@PathVariable String key, @RequestBody PolicyTrials.TrialRequest request) {
        return trials.evaluate(key, request);
    }
}
