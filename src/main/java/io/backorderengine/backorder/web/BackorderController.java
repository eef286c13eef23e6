package io.backorderengine.backorder.web;

import java.net.URI;
import java.security.Principal;

import io.backorderengine.backorder.BackorderCases;
import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.CaseSummary;
import io.backorderengine.backorder.CaseView;
import io.backorderengine.backorder.CustomerDecision;
import io.backorderengine.backorder.DecisionChannel;
import io.backorderengine.backorder.internal.CaseSearch;
import io.backorderengine.system.ListPage;
import io.backorderengine.system.PlainText;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Backorder cases for shops and their account pages. */
@RestController
@RequestMapping(path = "/api/backorders", produces = MediaType.APPLICATION_JSON_VALUE)
class BackorderController {

    private final BackorderCases cases;
    private final CaseDecisions decisions;
    private final CaseSearch search;

    BackorderController(BackorderCases cases, CaseDecisions decisions, CaseSearch search) {
        this.cases = cases;
        this.decisions = decisions;
        this.search = search;
    }

    /**
     * Cases by what is known of them, newest first; every filter is optional.
     *
     * @param waitingLongerThanDays open cases opened more than this many days ago
     * @param escalated             open cases that went to a supervisor (or, false, that did not)
     */
    @GetMapping
    ListPage<CaseSummary> list(
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) @Size(max = 64) String sku,
            @RequestParam(required = false) @Size(max = 64) String orderId,
            @RequestParam(required = false) @Size(max = 320) String customerEmail,
            @RequestParam(required = false) @Min(0) @Max(3650) Integer waitingLongerThanDays,
            @RequestParam(required = false) Boolean escalated,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return search.find(
                new CaseSearch.Filter(status, sku, orderId, customerEmail, waitingLongerThanDays, escalated),
                page,
                size);
    }

    /**
     * A customer's decision.
     *
     * @param decision       wait, alternative or cancel
     * @param alternativeSku the chosen alternative, for "alternative"
     * @param reason         optional, e.g. why the customer cancels
     */
    record DecisionRequest(
            @NotNull CustomerDecision decision,
            @Size(max = 64) @PlainText String alternativeSku,
            @Size(max = 500) @PlainText(multiline = true) String reason) {}

    /** @param priority 0 (normal) to 9 (most urgent); the allocation policy decides what it means in line */
    record PriorityRequest(@NotNull @Min(0) @Max(9) Integer priority) {}

    /** A supervisor moves a case in its waiting line. */
    @PutMapping("/{caseId}/priority")
    CaseView prioritize(@PathVariable String caseId, @Valid @RequestBody PriorityRequest request, Principal user) {
        cases.prioritize(caseId, request.priority(), user == null ? "unknown" : user.getName());
        return cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    }

    @GetMapping("/{caseId}")
    CaseView get(@PathVariable String caseId) {
        return cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    }

    /**
     * Records the decision and passes it to the case, which carries it out at once or as soon as it
     * is free (202: the outcome shows in the case view). It is recorded as the calling order system's.
     */
    @ApiResponse(
            responseCode = "202",
            description = "Taken: the case applies it in a moment (see the case's decisions)",
            useReturnTypeSchema = true)
    @PostMapping("/{caseId}/decision")
    ResponseEntity<CaseDecisions.Decision> decide(
            @PathVariable String caseId, @Valid @RequestBody DecisionRequest request, Principal caller) {
        CaseDecisions.Decision decision = decisions.decide(
                caseId,
                request.decision(),
                request.alternativeSku(),
                request.reason(),
                caller.getName(),
                DecisionChannel.API);
        return ResponseEntity.accepted()
                .location(URI.create("/api/backorders/" + caseId))
                .body(decision);
    }
}
